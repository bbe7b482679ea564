--! Reading view for transcripts (filetype `speech-transcript`): long paragraphs wrap at word
--! boundaries instead of running off the screen or breaking mid-word; the file is not changed.

vim.opt_local.wrap = true
vim.opt_local.linebreak = true
vim.opt_local.breakindent = true
vim.b.undo_ftplugin = (vim.b.undo_ftplugin and (vim.b.undo_ftplugin .. ' | ') or '')
  .. 'setlocal wrap< linebreak< breakindent<'
