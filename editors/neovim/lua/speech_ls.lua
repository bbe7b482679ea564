--! Shared helpers for the speech-ls Neovim integration: where a corpus starts, and whether a file
--! belongs to one. Used by lsp/speech_ls.lua (the server config) and plugin/speech_ls.lua (the
--! filetype rule), so that "is this a transcript?" and "where does the server start?" always agree.

local M = {}

--- File extensions of transcripts: a file with one of them is a transcript when it is inside a corpus.
--- Adding a transcript format is one entry here (plugin/speech_ls.lua registers each).
M.transcript_extensions = { 'txt', 'vtt', 'srt' }

--- Markers that make a folder a corpus: its INDEX.md, or a `seeds/` folder (the shipped corpus).
M.index_marker = 'INDEX.md'
M.seeds_marker = 'seeds'

--- The corpus root for a buffer number or a file path, or nil when the file is in no corpus.
--- The nearest folder holding an INDEX.md wins; otherwise the nearest folder that holds `seeds/`
--- (or is itself `seeds/`).
---@param source integer|string buffer number or file path
---@return string|nil
function M.corpus_root(source)
  local path = source
  if type(source) == 'number' then
    path = vim.api.nvim_buf_get_name(source)
  end
  if type(path) ~= 'string' or path == '' then
    return nil
  end
  path = vim.fs.normalize(vim.fn.fnamemodify(path, ':p'))
  local with_index = vim.fs.root(path, M.index_marker)
  if with_index then
    return with_index
  end
  local parent = vim.fs.dirname(path)
  if vim.fs.basename(parent) == M.seeds_marker then
    return parent
  end
  return vim.fs.root(path, M.seeds_marker)
end

--- True when the file is a transcript: a file with a transcript extension inside a corpus.
---@param path string
---@return boolean
function M.is_transcript(path)
  if type(path) ~= 'string' then
    return false
  end
  local extension = path:match('%.([^./]+)$')
  return extension ~= nil and vim.tbl_contains(M.transcript_extensions, extension) and M.corpus_root(path) ~= nil
end

--- True when the buffer is one the server handles: a transcript, or a corpus's INDEX.md.
---@param bufnr integer
---@return boolean
function M.is_corpus_buffer(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if vim.fs.basename(name) == M.index_marker then
    return true
  end
  return vim.bo[bufnr].filetype == 'speech-transcript'
end

--- Hover in a bordered float whose long lines wrap at word boundaries (Neovim's own hover float
--- wraps mid-word and has no border).
function M.hover()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'speech_ls' })[1]
  if not client then
    return vim.lsp.buf.hover()
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  client:request('textDocument/hover', params, function(err, result)
    if err or not result or not result.contents then
      vim.notify('speech-ls: no hover here', vim.log.levels.INFO)
      return
    end
    local lines = vim.lsp.util.convert_input_to_markdown_lines(result.contents)
    local width = math.min(100, math.max(20, vim.o.columns - 4))
    local _, win = vim.lsp.util.open_floating_preview(lines, 'markdown', {
      border = 'rounded',
      max_width = width,
      focus_id = 'speech_ls_hover',
    })
    vim.wo[win].linebreak = true
  end, bufnr)
end

--- Buffer-local keys for a buffer speech-ls attached to. Neovim 0.11 has no LSP `gd`, and in
--- INDEX.md the Markdown ftplugin's `gO` (a table of headings) hides the LSP outline.
---@param bufnr integer
function M.set_keymaps(bufnr)
  local function map(lhs, rhs, desc)
    vim.keymap.set('n', lhs, rhs, { buffer = bufnr, desc = 'speech-ls: ' .. desc })
  end
  map('gO', vim.lsp.buf.document_symbol, 'outline (document symbols)')
  map('gd', vim.lsp.buf.definition, 'go to definition')
  map('K', M.hover, 'hover')
end

return M
