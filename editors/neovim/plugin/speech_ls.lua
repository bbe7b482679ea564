--! Filetype rule for speech-ls: a `.txt` file inside a corpus (a folder with INDEX.md or seeds/)
--! is a `speech-transcript`; every other `.txt` file stays plain `text`, as in stock Neovim.
--! And the keys speech-ls buffers get when the server attaches (`gO`, `gd`, `K`), unless
--! `vim.g.speech_ls_no_keymaps` is set.

if vim.g.loaded_speech_ls_filetype then
  return
end
vim.g.loaded_speech_ls_filetype = true

local speech_ls = require('speech_ls')

-- Neovim's own filetype for each extension outside a corpus.
local outside = { txt = 'text' }
local rules = {}
for _, extension in ipairs(speech_ls.transcript_extensions) do
  rules[extension] = function(path)
    if speech_ls.is_transcript(path) then
      return 'speech-transcript'
    end
    -- nil lets Neovim's own rules decide.
    return outside[extension]
  end
end
vim.filetype.add({ extension = rules })

vim.api.nvim_create_autocmd('LspAttach', {
  group = vim.api.nvim_create_augroup('speech_ls_keymaps', { clear = true }),
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == 'speech_ls' and not vim.g.speech_ls_no_keymaps then
      speech_ls.set_keymaps(args.buf)
    end
  end,
})
