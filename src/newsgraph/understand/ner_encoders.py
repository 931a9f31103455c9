"""Token encoders a NER pipeline may name in its config, registered with spaCy before a pipeline loads.

spaCy's CNN encoder sees three words each side after three layers; a name's label often depends on words further
away ("... said X", "X, the capital of ..."). These encoders read the whole sentence in both directions with
thinc's own LSTM (NumPy/Cython, no PyTorch at run time). Measured on en (docs/entities.md, "A recurrent encoder"):
the LSTM alone learns far worse than the CNN, and the CNN followed by one LSTM layer ties it once the student learns
from the teacher's silver, a fifth slower, so the shipped pipelines keep the CNN; these stay for experiments.
"""

from __future__ import annotations

import spacy

__all__ = ["BILSTM_ENCODER", "CNN_BILSTM_ENCODER", "bilstm_encoder", "cnn_bilstm_encoder"]

BILSTM_ENCODER = "newsgraph.BiLSTMEncoder.v1"
CNN_BILSTM_ENCODER = "newsgraph.CNNBiLSTMEncoder.v1"


def _bidirectional_lstm(width: int, depth: int, dropout: float = 0.0):
    """``depth`` bidirectional LSTM layers over padded sentences, ``width`` in and out (half of it per direction)."""
    from thinc.api import LSTM, with_padded

    if width % 2:
        raise ValueError(f"a bidirectional encoder needs an even width, not {width}")
    return with_padded(LSTM(width, width, bi=True, depth=depth, dropout=dropout))


@spacy.registry.architectures(BILSTM_ENCODER)
def bilstm_encoder(width: int, depth: int, dropout: float = 0.0):
    """The LSTM layers alone, in place of the CNN."""
    return _bidirectional_lstm(width, depth, dropout)


@spacy.registry.architectures(CNN_BILSTM_ENCODER)
def cnn_bilstm_encoder(width: int, depth: int, lstm_depth: int = 1):
    """spaCy's CNN (``depth`` maxout-window layers), then a residual bidirectional LSTM over its output.

    The CNN learns the local features as fast as it does alone; the LSTM only adds what lies beyond its window.
    """
    from spacy.ml.models.tok2vec import MaxoutWindowEncoder
    from thinc.api import chain, residual

    cnn = MaxoutWindowEncoder(width=width, window_size=1, maxout_pieces=3, depth=depth)
    return chain(cnn, residual(_bidirectional_lstm(width, lstm_depth)))
