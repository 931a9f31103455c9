"""Understanding stages: language, sentences, entities, quotes, claims, framing, events."""
