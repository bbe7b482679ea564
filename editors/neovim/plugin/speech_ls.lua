--! Filetype rule for speech-ls: a `.txt` file inside a corpus (a folder with INDEX.md or seeds/)
--! is a `speech-transcript`; every other `.txt` file stays plain `text`, as in stock Neovim.

if vim.g.loaded_speech_ls_filetype then
  return
end
vim.g.loaded_speech_ls_filetype = true

vim.filetype.add({
  extension = {
    txt = function(path)
      -- Returning 'text' keeps Neovim's own rule for every .txt outside a corpus.
      if require('speech_ls').is_transcript(path) then
        return 'speech-transcript'
      end
      return 'text'
    end,
  },
})
