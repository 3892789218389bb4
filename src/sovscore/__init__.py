"""sovscore: score cloud providers on sovereignty, explainably, from sourced public facts."""

__version__ = "0.1.0"
