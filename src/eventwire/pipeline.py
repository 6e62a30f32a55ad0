"""Articles in, events out: one `nlp.pipe` pass, then assembly of the records.

`Pipeline.process` is what `eventwire extract`, `eventwire ingest` and the Python API
share; `extract()` is the one-article convenience over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.config import BATCH_SIZE
from eventwire.errors import ExtractionError, InputError, TooLargeError
from eventwire.extraction.assemble import build_events
from eventwire.extraction.doctables import remember_text
from eventwire.records import Article, Event

ErrorHandler = Callable[[InputError], None]


class Pipeline:
    """Runs the eventwire spaCy pipeline over many articles with `nlp.pipe` batching.

    The model is loaded once (per process) on first use. An article on which a
    component fails is reported to `on_error` as an `ExtractionError` and skipped;
    the other articles of the batch go on.
    """

    def __init__(self, *, nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> None:
        self._nlp = nlp
        self.batch_size = batch_size

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from eventwire.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def process(
        self,
        articles: Iterable[Article],
        *,
        on_error: ErrorHandler | None = None,
        coded: date | None = None,
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Yield `(article, events)` for each article, in input order (failed ones left out)."""
        coded = coded or date.today()
        for article, doc in self.parse(articles, on_error=on_error):
            try:
                events = build_events(doc, article, coded=coded)
            except Exception as exc:  # a bug on one article must not lose the batch
                report(on_error, ExtractionError(article.source or article.article_id, str(exc)))
                continue
            yield article, events

    def parse(
        self,
        articles: Iterable[Article],
        *,
        on_error: ErrorHandler | None = None,
        disable: Sequence[str] = (),
    ) -> Iterator[tuple[Article, Doc]]:
        """Yield `(article, parsed body)` in input order, with the components not in
        `disable`; an article too long for the parser or on which a component fails is
        reported to `on_error` and left out."""
        nlp = self.nlp
        # Our components are plain functions: spaCy calls this handler when one raises and
        # drops the doc from the stream. (`set_error_handler` would also try the Cython
        # pipes, which in spaCy 3.8 cannot take one.) The handler holds no state: each doc
        # carries the failure list of its own call, and a doc piped by anyone else fails
        # as spaCy's default would, instead of vanishing into a finished call's list.
        nlp.default_error_handler = _keep_failure
        failed: list[Doc] = []
        parsable = (a for a in articles if self._fits(a, on_error))
        stream = ((self._make_doc(article, failed), article) for article in parsable)
        pipe = nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size, disable=list(disable))
        for doc, article in pipe:
            _report_failures(failed, on_error)
            del doc.user_data[_FAILURES]
            yield article, doc
        _report_failures(failed, on_error)

    def _fits(self, article: Article, on_error: ErrorHandler | None) -> bool:
        """Whether the parser takes the article's length (spaCy refuses over `max_length`
        characters, and its memory grows with the length); a longer one is reported."""
        if len(article.body) <= self.nlp.max_length:
            return True
        detail = f"{len(article.body)} characters, over the parser's limit of {self.nlp.max_length}"
        report(on_error, TooLargeError(article.source or article.article_id, detail))
        return False

    def _make_doc(self, article: Article, failed: list[Doc]) -> Doc:
        doc = self.nlp.make_doc(article.body)
        doc.user_data[_FAILURES] = failed
        remember_text(doc, article.body)  # spares rebuilding `doc.text` from the tokens
        doc._.published = article.published
        doc._.dateline = article.dateline
        doc.user_data["eventwire_source"] = article.source or article.article_id
        return doc


_FAILURES = "eventwire_failures"


def _keep_failure(_name: str, _proc: object, docs: list[Doc], exc: Exception) -> None:
    """spaCy's error handler: put each failed doc on the failure list of its `parse` call."""
    for doc in docs:
        failed = doc.user_data.pop(_FAILURES, None)
        if failed is None:  # a doc not made by `parse` (someone else's nlp.pipe): as spaCy does
            raise exc
        doc.user_data["eventwire_failure"] = f"{type(exc).__name__}: {exc}"
        failed.append(doc)


def _report_failures(failed: list[Doc], on_error: ErrorHandler | None) -> None:
    """Report the docs a component failed on (spaCy drops them from the output)."""
    while failed:
        doc = failed.pop(0)
        source = doc.user_data.get("eventwire_source", "?")
        report(on_error, ExtractionError(source, doc.user_data["eventwire_failure"]))


def report(on_error: ErrorHandler | None, error: InputError) -> None:
    """Give `error` to `on_error`, or raise it when there is none."""
    if on_error is None:
        raise error
    on_error(error)


def extract(
    text: str,
    *,
    published: date | None,
    dateline: str | None = None,
    url: str | None = None,
    title: str | None = None,
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """The events of one article's text, dated against `published` (None if unknown).

    A dateline at the start of `text` ("KYIV (Reuters) —") is detected and removed from
    what the parser sees; `dateline` is used only when the text has none.
    """
    from eventwire.ingest import read_text_article

    article = read_text_article(
        text, source="<text>", published=published, dateline=dateline, url=url, title=title
    )
    results = list((pipeline or _default_pipeline()).process([article]))
    return results[0][1] if results else []


_DEFAULT: list[Pipeline] = []


def _default_pipeline() -> Pipeline:
    if not _DEFAULT:
        _DEFAULT.append(Pipeline())
    return _DEFAULT[0]
