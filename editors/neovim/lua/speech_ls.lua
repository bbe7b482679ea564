--! Shared helpers for the speech-ls Neovim integration: where a corpus starts, and whether a file
--! belongs to one. Used by lsp/speech_ls.lua (the server config) and plugin/speech_ls.lua (the
--! filetype rule), so that "is this a transcript?" and "where does the server start?" always agree.

local M = {}

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

--- True when the file is a transcript: a `.txt` file inside a corpus.
---@param path string
---@return boolean
function M.is_transcript(path)
  return type(path) == 'string' and path:match('%.txt$') ~= nil and M.corpus_root(path) ~= nil
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

return M
