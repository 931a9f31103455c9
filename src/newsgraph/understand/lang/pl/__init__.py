"""Language data: plain constant modules per language (lexicons, cue words)."""
