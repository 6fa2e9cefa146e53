"""The reader's screens: the reader itself, the welcome screen, the go-to prompt, the key list."""
