;;; journey.el --- A user's journey through speech-ls in real Emacs + eglot  -*- lexical-binding: t; -*-

;;; Commentary:

;; Runs in `emacs --batch' after the README's eglot snippet was loaded as the user's init file
;; (tests/editors/test_emacs.py writes it).  It opens the corpus in $SPEECH_LS_CORPUS as a user
;; would and checks what the user sees: the modes, eglot connected to
;; speech-ls, imenu's outline, eldoc's hover, xref-find-definitions both ways, and flymake's
;; diagnostic for a broken link.  Batch Emacs has no command loop, so what it does between keys is
;; done by hand: post-command-hook after each step (eglot-ensure connects from there), the
;; selected window's buffer made current, and idle timers fired while "the user pauses" (eglot sends
;; didChange, and flymake starts, from idle timers).
;; Prints one line per check and exits non-zero on any failure.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar journey-failures 0)
(defconst journey-timeout 20 "Seconds to wait for the server.")

(defun journey-say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defun journey-check (name ok &optional detail)
  (if ok
      (journey-say "PASS %s" name)
    (setq journey-failures (1+ journey-failures))
    (journey-say "FAIL %s%s" name (if detail (format ": %s" detail) "")))
  ok)

(defun journey-wait (predicate &optional seconds)
  "Let process output and timers run until PREDICATE is non-nil or SECONDS pass; its value."
  (let ((end (+ (float-time) (or seconds journey-timeout)))
        value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) end))
      (accept-process-output nil 0.05))
    value))

(defun journey-command-done ()
  "What the command loop does after each command: eglot-ensure and flymake start from here."
  (run-hooks 'post-command-hook)
  (set-buffer (window-buffer (selected-window))))

(defun journey-idle-until (predicate &optional seconds)
  "Pause as a user does between keys until PREDICATE holds (or SECONDS pass): idle timers fire.
Only one-shot idle timers are fired (eglot's didChange, flymake's start, eldoc's request);
repeating ones would fire on every turn of this loop."
  (journey-wait (lambda ()
                  (dolist (timer (copy-sequence timer-idle-list))
                    (unless (timer--repeat-delay timer) (timer-event-handler timer)))
                  (funcall predicate))
                seconds))

(defun journey-visit (file)
  "Open FILE in the selected window as `C-x C-f' does."
  (switch-to-buffer (find-file-noselect file))
  (journey-command-done)
  (current-buffer))

(defun journey-goto (needle &optional offset)
  "Move point to the first NEEDLE in the buffer (plus OFFSET characters)."
  (goto-char (point-min))
  (when (search-forward needle nil t)
    (goto-char (+ (match-beginning 0) (or offset 0)))))

(defun journey-imenu-names ()
  "The names imenu lists (`M-x imenu'), nested entries flattened."
  (let (names)
    (cl-labels ((walk (alist)
                  (dolist (item alist)
                    (when (consp item)
                      (push (car item) names)
                      (when (imenu--subalist-p item) (walk (cdr item)))))))
      (setq imenu--index-alist nil)
      (walk (imenu--make-index-alist t)))
    (nreverse names)))

(defun journey-eldoc-at-point ()
  "The documentation eldoc shows at point, as the echo area would get it."
  (let (shown)
    (let ((eldoc-display-functions
           (list (lambda (docs _interactive)
                   (setq shown (mapconcat (lambda (doc) (format "%s" (car doc))) docs "\n"))))))
      (eldoc-print-current-symbol-info t)
      (journey-wait (lambda () shown) 10))
    (or shown "")))

(defun journey-server-name ()
  (when-let ((server (eglot-current-server)))
    (plist-get (eglot--server-info server) :name)))

(defun journey-run ()
  (let* ((corpus (file-name-as-directory (expand-file-name (getenv "SPEECH_LS_CORPUS"))))
         (index (expand-file-name "INDEX.md" corpus))
         (transcript-name "000_dfd047e8c9417aac.txt")
         (transcript (expand-file-name transcript-name corpus))
         (outside (getenv "SPEECH_LS_OUTSIDE_TXT")))
    (journey-check "speech-ls is on exec-path" (executable-find "speech-ls"))

    ;; 1. Modes: a transcript inside the corpus, INDEX.md, and a .txt elsewhere.
    (when outside
      (with-current-buffer (find-file-noselect outside)
        (journey-check "a .txt outside a corpus stays text-mode" (eq major-mode 'text-mode) major-mode)))
    ;; `emacs INDEX.md': the index alone starts the server.
    (with-current-buffer (journey-visit index)
      (journey-check "eglot connects to speech-ls when INDEX.md is opened first"
                     (journey-wait (lambda () (and (eglot-current-server) (equal (journey-server-name) "speech-ls"))))))
    (with-current-buffer (journey-visit transcript)
      (journey-check "the transcript opens in speech-transcript-mode" (eq major-mode 'speech-transcript-mode) major-mode)
      (journey-check "and wraps long lines at words (visual-line-mode)" (bound-and-true-p visual-line-mode)))

    ;; 2. eglot connects and manages the transcript.
    (with-current-buffer (get-file-buffer transcript)
      (journey-check "eglot connects to speech-ls for the transcript"
                     (journey-wait (lambda () (and (eglot-current-server) (equal (journey-server-name) "speech-ls"))))
                     (format "server=%S" (eglot-current-server)))
      (journey-check "eglot manages the transcript buffer" (bound-and-true-p eglot--managed-mode))
      ;; 3. imenu lists the outline.
      (let ((names (journey-imenu-names)))
        (journey-say "imenu: %S" (seq-take names 8))
        (journey-check "imenu lists the speaker turn (Vladimir Putin)"
                       (cl-some (lambda (name) (string-match-p "Vladimir Putin" name)) names) names))
      ;; 4. eldoc shows the hover inside a section.
      (journey-goto "cybercrimes" 3)
      (let ((doc (journey-eldoc-at-point)))
        (journey-say "eldoc: %S" (truncate-string-to-width doc 160))
        (journey-check "eldoc shows the section and its themes inside the long turn"
                       (and (string-match-p "Technology and the internet" doc) (string-match-p "Themes:" doc)) doc)))

    ;; 5. INDEX.md: the same server, hover on the entry, definition to the transcript and back.
    (with-current-buffer (journey-visit index)
      (journey-check "INDEX.md opens in speech-index-mode" (eq major-mode 'speech-index-mode) major-mode)
      (journey-check "the same speech-ls server manages INDEX.md"
                     (journey-wait (lambda () (and (eglot-current-server)
                                                   (eq (eglot-current-server)
                                                       (with-current-buffer (get-file-buffer transcript) (eglot-current-server)))))))
      (journey-goto "Expanded meeting of the Interior" 3)
      (let ((doc (journey-eldoc-at-point)))
        (journey-check "eldoc on the INDEX.md entry shows the speech at a glance"
                       (and (string-match-p "Date: 2021-03-03" doc) (string-match-p "Speakers:" doc)) doc))
      (journey-goto transcript-name 3))
    ;; M-. is a command: it runs in the selected window's buffer (INDEX.md, point on the link).
    (set-buffer (window-buffer (selected-window)))
    (call-interactively #'xref-find-definitions)
    (journey-command-done)
    (journey-check "M-. on the INDEX.md entry opens the transcript"
                   (equal (buffer-file-name) transcript) (buffer-file-name))
    (when (equal (buffer-file-name) transcript)
      (goto-char (point-min))
      (forward-char 3)
      (call-interactively #'xref-find-definitions)
      (journey-command-done)
      (journey-check "M-. on the transcript header goes back to INDEX.md"
                     (equal (buffer-file-name) index) (buffer-file-name))
      (journey-check "and lands on the entry's line (5)" (= (line-number-at-pos) 5) (line-number-at-pos)))

    ;; 6. flymake: break the link as a user types, the diagnostic appears.
    (with-current-buffer (journey-visit index)
      (journey-check "flymake is on in INDEX.md" (bound-and-true-p flymake-mode))
      (journey-goto "aac.txt)" 2)
      (delete-char 1)
      (insert "b")
      (journey-command-done)
      (let ((found (journey-idle-until
                    (lambda ()
                      (cl-find-if (lambda (d) (string-match-p "does not exist in the corpus" (flymake-diagnostic-text d)))
                                  (flymake-diagnostics))))))
        (journey-check "flymake shows the broken link's diagnostic"
                       found (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
        (when found
          (journey-check "on the link's line" (= (line-number-at-pos (flymake-diagnostic-beg found)) 5))))
      (set-buffer-modified-p nil))))

(condition-case err
    (journey-run)
  (error (journey-check "the journey ran without a Lisp error" nil (error-message-string err))))
(journey-say "emacs journey: %d failed" journey-failures)
(ignore-errors (eglot-shutdown-all))
(kill-emacs (if (zerop journey-failures) 0 1))

;;; journey.el ends here
