--! speech-ls server configuration for Neovim 0.11+ (`vim.lsp.config` / `vim.lsp.enable`).
--! Enable it with `vim.lsp.enable('speech_ls')` once editors/neovim is on 'runtimepath'. The server
--! starts only for transcripts and INDEX.md inside a corpus (a folder with INDEX.md, or seeds/).

---@type vim.lsp.Config
return {
  cmd = { 'speech-ls', '--stdio' },
  filetypes = { 'speech-transcript', 'markdown' },
  root_dir = function(bufnr, on_dir)
    local speech_ls = require('speech_ls')
    -- Markdown is shared with other servers: only a corpus's INDEX.md concerns speech-ls.
    if not speech_ls.is_corpus_buffer(bufnr) then
      return
    end
    local root = speech_ls.corpus_root(bufnr)
    if root then
      on_dir(root)
    end
  end,
  -- Sent as initializationOptions; override with vim.lsp.config('speech_ls', { init_options = {...} }).
  init_options = vim.empty_dict(),
  -- Answered to workspace/configuration (section `speech-ls`).
  settings = { ['speech-ls'] = vim.empty_dict() },
}
