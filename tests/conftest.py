"""Shared fixtures: the bundled seed article, loaded the way users load it."""
from __future__ import annotations

import pandas as pd
import pytest

import newslab
from newslab.articles import load_articles


@pytest.fixture
def seed_articles() -> pd.DataFrame:
    """The seed article as a one-row articles table (a fresh copy per test)."""
    return load_articles(newslab.SEED)


@pytest.fixture
def seed_text(seed_articles: pd.DataFrame) -> str:
    """The seed article's body text: what every offset of every table points into."""
    return str(seed_articles.loc[0, "text"])
