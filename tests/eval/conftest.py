"""The eval tests load the large imported platform lists into the tagger's jieba dictionary,
which lives as long as the process; each module puts jieba back as it found it, so the unit
tests that run after them cut words as they would on their own."""
import pytest

from pipeline.tag import segment


@pytest.fixture(autouse=True, scope="module")
def _fresh_jieba_after_module():
    yield
    segment.reset()
