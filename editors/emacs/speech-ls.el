;;; speech-ls.el --- Speech transcripts with the speech-ls language server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages, text
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Modes for the files of a speech-ls corpus (a folder holding an INDEX.md)
;; and their registration with eglot:
;;
;; - `speech-transcript-mode' for transcripts: a text mode that wraps long
;;   lines at word boundaries (`visual-line-mode'), as a reader wants.
;; - `speech-index-mode' for a corpus's INDEX.md: Markdown when markdown-mode
;;   is installed, plain text otherwise.  Its own mode name lets speech-ls
;;   serve INDEX.md without taking every other Markdown file from marksman.
;;
;; A `.txt' file becomes a transcript only inside a corpus; every other
;; `.txt' on disk keeps `text-mode'.  Setup (see editors/README.md):
;;
;;   (add-to-list 'load-path "/path/to/speech-ls/editors/emacs")
;;   (require 'speech-ls)
;;   (add-hook 'speech-transcript-mode-hook #'eglot-ensure)
;;   (add-hook 'speech-index-mode-hook #'eglot-ensure)
;;
;; Works with Debian's Emacs 28 and elpa-eglot 1.9, and with the eglot built
;; into Emacs 29 and later.

;;; Code:

(defgroup speech-ls nil
  "Speech transcripts served by the speech-ls language server."
  :group 'text
  :prefix "speech-ls-")

(defcustom speech-ls-server-command '("speech-ls" "--stdio")
  "The command that starts the server, with its arguments.
Set it before eglot starts the server, for example to the full path
of target/release/speech-ls when it is not on `exec-path'."
  :type '(repeat string))

(defcustom speech-ls-transcript-extensions '("txt" "vtt" "srt")
  "File extensions (without the dot) of transcripts inside a corpus.
A file with one of these extensions is a transcript only when a folder
above it holds an INDEX.md.  Set this before loading speech-ls."
  :type '(repeat string))

(defconst speech-ls-index-file "INDEX.md"
  "The file that makes a folder a corpus.")

(defun speech-ls-corpus-root (&optional file)
  "The corpus folder of FILE (default: the current buffer's file), or nil.
It is the nearest folder above FILE that holds an INDEX.md."
  (let ((file (or file buffer-file-name)))
    (and file (locate-dominating-file file speech-ls-index-file))))

(defun speech-ls-project (directory)
  "A project for DIRECTORY when it is inside a corpus, for `project-find-functions'.
It comes after the version-control backends, so a corpus inside a Git
repository keeps the repository as its project (the server finds every
corpus under it); a corpus outside one is a project of its own, so that
INDEX.md and transcripts in its subfolders share one server."
  (let ((root (speech-ls-corpus-root (file-name-as-directory directory))))
    (and root (cons 'transient (expand-file-name root)))))

(add-hook 'project-find-functions #'speech-ls-project 'append)

(define-derived-mode speech-transcript-mode text-mode "Transcript"
  "Major mode for a speech transcript in a speech-ls corpus.
Long paragraphs wrap at word boundaries; the file itself is not changed."
  (visual-line-mode 1))

;; The parent of `speech-index-mode': Markdown when the user has
;; markdown-mode, else plain text, so INDEX.md always opens in a mode
;; eglot can manage.
(defalias 'speech-ls--index-parent-mode
  (if (require 'markdown-mode nil t) #'markdown-mode #'text-mode))

(define-derived-mode speech-index-mode speech-ls--index-parent-mode "Speech-Index"
  "Major mode for the INDEX.md of a speech-ls corpus.")

(defun speech-ls-txt-mode ()
  "Turn on `speech-transcript-mode' inside a corpus, `text-mode' elsewhere."
  (if (speech-ls-corpus-root)
      (speech-transcript-mode)
    (text-mode)))

(add-to-list 'auto-mode-alist
             (cons (concat "\\." (regexp-opt speech-ls-transcript-extensions) "\\'")
                   #'speech-ls-txt-mode))
(add-to-list 'auto-mode-alist '("/INDEX\\.md\\'" . speech-index-mode))

(with-eval-after-load 'eglot
  ;; One server for both modes, so INDEX.md and its transcripts share it.
  ;; The language ids are the ones the other editors send.
  (add-to-list 'eglot-server-programs
               `(((speech-transcript-mode :language-id "speech-transcript")
                  (speech-index-mode :language-id "markdown"))
                 . ,(lambda (&optional _interactive) speech-ls-server-command))))

(provide 'speech-ls)
;;; speech-ls.el ends here
