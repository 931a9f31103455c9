"""Language data as plain constant modules, one package per language code."""
