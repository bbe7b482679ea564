--! Real-client test: headless Neovim 0.11 loads the project's own editors/neovim files and walks
--! a user's journey through its built-in LSP client: open INDEX.md and a transcript of the corpus
--! in $SPEECH_LS_CORPUS, check the negotiated encoding (utf-8), the outline, a hover, and
--! go-to-definition from the INDEX.md entry to the transcript and back (as requests, then as a user
--! would, with vim.lsp.buf.definition()). `speech-ls` must be on PATH.
--! Prints one line per check and exits non-zero when any check fails.
--! Run: nvim --headless --clean --cmd 'set rtp^=editors/neovim' -c 'luafile tests/editors/nvim/journey.lua'

local TIMEOUT_MS = 15000
local failures = 0

local function say(text)
  io.stdout:write(text .. '\n')
  io.stdout:flush()
end

local function check(name, ok, detail)
  if ok then
    say('PASS ' .. name)
  else
    failures = failures + 1
    say('FAIL ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end

local function finish()
  say(string.format('neovim journey: %d failed', failures))
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end

local function request(client, bufnr, method, params)
  local response, err = client:request_sync(method, params, TIMEOUT_MS, bufnr)
  if not response then
    return nil, 'no response: ' .. tostring(err)
  end
  if response.err then
    return nil, 'error: ' .. vim.inspect(response.err)
  end
  return response.result, nil
end

local function wait_for_client(bufnr)
  local client
  vim.wait(TIMEOUT_MS, function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = 'speech_ls' })[1]
    return client ~= nil and client.initialized == true
  end, 20)
  return client
end

local function flatten_symbols(symbols, into)
  into = into or {}
  for _, symbol in ipairs(symbols or {}) do
    table.insert(into, symbol)
    flatten_symbols(symbol.children, into)
  end
  return into
end

local function first_location(result)
  if type(result) ~= 'table' then
    return nil
  end
  if result.uri or result.targetUri then
    return result
  end
  return result[1]
end

local function location_uri(location)
  return location and (location.targetUri or location.uri)
end

local function location_range(location)
  return location and (location.targetSelectionRange or location.targetRange or location.range)
end

--- The 0-based line and byte column of the first match of `needle` (plain text) in the buffer.
local function find_in_buffer(bufnr, needle)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local column = line:find(needle, 1, true)
    if column then
      return index - 1, column - 1
    end
  end
  return nil
end

local function hover_text(result)
  if type(result) ~= 'table' or result.contents == nil then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, type(part) == 'string' and part or (part.value or ''))
  end
  return table.concat(parts, '\n')
end

local function run()
  local corpus = os.getenv('SPEECH_LS_CORPUS')
  if not corpus or corpus == '' then
    check('SPEECH_LS_CORPUS is set', false)
    return
  end
  corpus = vim.fs.normalize(vim.fn.fnamemodify(corpus, ':p'))
  local index_path = vim.fs.joinpath(corpus, 'INDEX.md')
  check('speech-ls is on PATH', vim.fn.executable('speech-ls') == 1, vim.env.PATH)

  -- The project's own config file, found through 'runtimepath' like any user's setup.
  local config_files = vim.api.nvim_get_runtime_file('lsp/speech_ls.lua', true)
  check('lsp/speech_ls.lua is on runtimepath', #config_files >= 1)
  vim.lsp.enable('speech_ls')

  -- 1. INDEX.md: attach, encoding, outline.
  vim.cmd.edit(vim.fn.fnameescape(index_path))
  local index_buf = vim.api.nvim_get_current_buf()
  local client = wait_for_client(index_buf)
  if not check('client attaches to INDEX.md', client ~= nil) then
    return
  end
  check('root is the corpus folder', client.root_dir == corpus, tostring(client.root_dir))
  check('negotiated encoding is utf-8', client.offset_encoding == 'utf-8', tostring(client.offset_encoding))
  local server_info = client.server_info or {}
  say('server: ' .. tostring(server_info.name) .. ' ' .. tostring(server_info.version))

  local index_symbols, err = request(client, index_buf, 'textDocument/documentSymbol', {
    textDocument = vim.lsp.util.make_text_document_params(index_buf),
  })
  check('INDEX.md outline has symbols', index_symbols and #index_symbols > 0, err or vim.inspect(index_symbols))

  -- 2. Definition from the INDEX.md entry (the link target) to the transcript.
  local transcript_name
  for _, line in ipairs(vim.api.nvim_buf_get_lines(index_buf, 0, -1, false)) do
    transcript_name = transcript_name or line:match('%(([^%)]+%.txt)%)')
  end
  if not check('INDEX.md links a transcript', transcript_name ~= nil) then
    return
  end
  local link_line, link_column = find_in_buffer(index_buf, transcript_name)
  local link_position = { line = link_line, character = link_column + 2 }
  local definition
  definition, err = request(client, index_buf, 'textDocument/definition', {
    textDocument = vim.lsp.util.make_text_document_params(index_buf),
    position = link_position,
  })
  local target_uri = location_uri(first_location(definition))
  check(
    'definition from INDEX.md entry opens the transcript',
    target_uri ~= nil and vim.endswith(target_uri, '/' .. transcript_name),
    err or vim.inspect(definition)
  )

  -- 3. Hover on the same entry.
  local hover
  hover, err = request(client, index_buf, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(index_buf),
    position = link_position,
  })
  local text = hover_text(hover)
  check('hover on the INDEX.md entry has text', #vim.trim(text) > 0, err or vim.inspect(hover))
  say('hover: ' .. vim.inspect(text:sub(1, 160)))

  -- 4. The transcript: filetype rule, same client, outline with a speaker turn.
  local transcript_path = vim.uri_to_fname(target_uri or vim.uri_from_fname(vim.fs.joinpath(corpus, transcript_name)))
  vim.cmd.edit(vim.fn.fnameescape(transcript_path))
  local transcript_buf = vim.api.nvim_get_current_buf()
  check('transcript filetype is speech-transcript', vim.bo[transcript_buf].filetype == 'speech-transcript', vim.bo[transcript_buf].filetype)
  local transcript_client = wait_for_client(transcript_buf)
  check('the same client attaches to the transcript', transcript_client ~= nil and transcript_client.id == client.id)
  local transcript_symbols
  transcript_symbols, err = request(client, transcript_buf, 'textDocument/documentSymbol', {
    textDocument = vim.lsp.util.make_text_document_params(transcript_buf),
  })
  local names = {}
  for _, symbol in ipairs(flatten_symbols(transcript_symbols)) do
    table.insert(names, symbol.name)
  end
  check('transcript outline has symbols', #names > 0, err or vim.inspect(transcript_symbols))
  say('outline: ' .. vim.inspect(vim.list_slice(names, 1, 8)))
  -- The seed's first speaker turn is "President of Russia Vladimir Putin: ..."; its label belongs in
  -- the outline. The label is the first short "Label:" at the start of a line after the header.
  local first_label
  for index, line in ipairs(vim.api.nvim_buf_get_lines(transcript_buf, 0, -1, false)) do
    local label = index > 1 and line:match('^(%u[^:]*):') or nil
    if label and #vim.split(label, '%s+', { trimempty = true }) <= 8 then
      first_label = label
      break
    end
  end
  check('the transcript has a speaker turn', first_label ~= nil)
  if first_label then
    local found = false
    for _, name in ipairs(names) do
      found = found or name:find(first_label, 1, true) ~= nil
    end
    check('outline names the speaker ' .. first_label, found)
  end

  -- 5. Back: definition from the transcript's header line to its INDEX.md entry.
  definition, err = request(client, transcript_buf, 'textDocument/definition', {
    textDocument = vim.lsp.util.make_text_document_params(transcript_buf),
    position = { line = 0, character = 3 },
  })
  local back = first_location(definition)
  local back_range = location_range(back)
  check(
    'definition from the transcript header goes back to INDEX.md',
    location_uri(back) ~= nil and vim.endswith(location_uri(back), '/INDEX.md'),
    err or vim.inspect(definition)
  )
  check('and lands on the entry line', back_range ~= nil and back_range.start.line == link_line, vim.inspect(back_range))
end

--- The same navigation as a user does it: `vim.lsp.buf.definition()` with the cursor on the entry,
--- which must jump to the transcript, and from the transcript's header back to the entry's line.
local function jump_like_a_user()
  local corpus = vim.fs.normalize(vim.fn.fnamemodify(os.getenv('SPEECH_LS_CORPUS'), ':p'))
  vim.cmd.edit(vim.fn.fnameescape(vim.fs.joinpath(corpus, 'INDEX.md')))
  local index_buf = vim.api.nvim_get_current_buf()
  if not wait_for_client(index_buf) then
    check('client attached for the jump', false)
    return
  end
  local transcript_name
  for _, line in ipairs(vim.api.nvim_buf_get_lines(index_buf, 0, -1, false)) do
    transcript_name = transcript_name or line:match('%(([^%)]+%.txt)%)')
  end
  local link_line, link_column = find_in_buffer(index_buf, transcript_name or '.txt')
  vim.api.nvim_win_set_cursor(0, { link_line + 1, link_column + 2 })
  vim.lsp.buf.definition()
  local jumped = vim.wait(TIMEOUT_MS, function()
    return vim.endswith(vim.api.nvim_buf_get_name(0), '/' .. transcript_name)
  end, 20)
  check('vim.lsp.buf.definition() on the entry jumps to the transcript', jumped, vim.api.nvim_buf_get_name(0))
  if not jumped then
    return
  end
  wait_for_client(0)
  vim.api.nvim_win_set_cursor(0, { 1, 3 })
  vim.lsp.buf.definition()
  local back = vim.wait(TIMEOUT_MS, function()
    return vim.endswith(vim.api.nvim_buf_get_name(0), '/INDEX.md')
  end, 20)
  check('vim.lsp.buf.definition() on the header jumps back to INDEX.md', back, vim.api.nvim_buf_get_name(0))
  if back then
    local cursor = vim.api.nvim_win_get_cursor(0)
    check('the cursor lands on the entry line', cursor[1] == link_line + 1, vim.inspect(cursor))
  end
end

--- The keys the README tells a user to press: `gO` in INDEX.md lists the server's entries (not the
--- Markdown ftplugin's table of headings), `gd` jumps to the transcript (Neovim 0.11 has no LSP
--- `gd`), `K` opens a bordered hover that wraps at words; transcripts wrap at words.
local function keys_like_a_user()
  local corpus = vim.fs.normalize(vim.fn.fnamemodify(os.getenv('SPEECH_LS_CORPUS'), ':p'))
  vim.cmd('silent! %bwipeout!')
  vim.cmd.edit(vim.fn.fnameescape(vim.fs.joinpath(corpus, 'INDEX.md')))
  local index_buf = vim.api.nvim_get_current_buf()
  if not wait_for_client(index_buf) then
    check('client attached for the keys', false)
    return
  end
  check('INDEX.md keeps the markdown filetype', vim.bo[index_buf].filetype == 'markdown', vim.bo[index_buf].filetype)

  vim.fn.setloclist(0, {})
  vim.api.nvim_feedkeys('gO', 'x', false)
  local entries = {}
  vim.wait(TIMEOUT_MS, function()
    entries = vim.tbl_map(function(item) return item.text end, vim.fn.getloclist(vim.fn.win_getid(vim.fn.winnr('#') > 0 and vim.fn.winnr('#') or 0)))
    if #entries == 0 then
      entries = vim.tbl_map(function(item) return item.text end, vim.fn.getloclist(0))
    end
    return #entries > 0
  end, 20)
  local listed = false
  for _, text in ipairs(entries) do
    listed = listed or text:find('Expanded meeting of the Interior Ministry Board', 1, true) ~= nil
  end
  check('gO in INDEX.md lists the server\'s entries (the transcript\'s title)', listed, vim.inspect(entries))
  vim.cmd('silent! lclose')
  vim.cmd.buffer(index_buf)

  local link_line, link_column = find_in_buffer(index_buf, '.txt)')
  vim.api.nvim_win_set_cursor(0, { link_line + 1, link_column - 3 })
  vim.api.nvim_feedkeys('K', 'x', false)
  local float
  vim.wait(TIMEOUT_MS, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        float = win
      end
    end
    return float ~= nil
  end, 20)
  if check('K opens a hover float', float ~= nil) then
    local config = vim.api.nvim_win_get_config(float)
    local border = config.border
    check('the hover float has a border', type(border) == 'table' and #border > 0 and border[1] ~= '', vim.inspect(border))
    check('the hover float wraps at words (linebreak)', vim.wo[float].wrap and vim.wo[float].linebreak)
    local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
    check('the hover shows the entry at a glance', text:find('2021-03-03', 1, true) ~= nil, text:sub(1, 200))
    vim.api.nvim_win_close(float, true)
  end

  vim.api.nvim_win_set_cursor(0, { link_line + 1, link_column - 3 })
  vim.api.nvim_feedkeys('gd', 'x', false)
  local jumped = vim.wait(TIMEOUT_MS, function()
    return vim.endswith(vim.api.nvim_buf_get_name(0), '.txt')
  end, 20)
  check('gd on the INDEX.md entry jumps to the transcript', jumped, vim.api.nvim_buf_get_name(0))
  if jumped then
    check('the transcript wraps at words (wrap, linebreak)', vim.wo.wrap and vim.wo.linebreak)
  end
end

local ok, error_message = xpcall(function()
  run()
  jump_like_a_user()
  keys_like_a_user()
end, debug.traceback)
if not ok then
  check('journey ran without a Lua error', false, error_message)
end
finish()
