"""Training of the models newsgraph ships (``newsgraph train ...``). Needs the shared data sets, never run at ingest."""
