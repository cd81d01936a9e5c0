"""What a screen reader needs from a pack that WeasyPrint does not write, added around it, and the open PDF/UA
checker (`pdfua`, the machine-checkable subset of PDF/UA-1, ISO 14289-1) run over the result.

WeasyPrint 70 (weasyprint/pdf/tags.py) tags <img> and inline <svg> as /Figure and gives it /Alt from the
image's `alt` or the SVG's <title>, but not from `aria-label`; it reads a header's `scope` only to decide which
data cells it labels (they get /Headers, the header an /ID) and never writes /Scope, which some readers and
checkers look for. So: before rendering, an SVG named only by `aria-label` gets that name as its <title>
(`describe_figures`); after, every /TH gets its /Scope back and the viewer shows the document's title
(`finish`); a decorative image, which WeasyPrint would tag as a /Figure without /Alt, becomes an artifact.
Uploaded appendices are drawn in as artifacts (their own tags cannot survive being drawn onto our
pages); the item's page says whether the original is tagged.
"""

import html
import io
import re
import tempfile
from functools import lru_cache

import pikepdf

# An opening <svg> tag that names itself with aria-label. Our templates autoescape, so an attribute value
# holds no raw ">" or quote, and escaped attribute text is also valid escaped element text.
_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
_ARIA_LABEL = re.compile(r"""\saria-label\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_HIDDEN = re.compile(r"""\saria-hidden\s*=\s*(["'])true\1""", re.IGNORECASE)


_IMG_DECORATIVE = re.compile(r"""(<img\b[^>]*\salt\s*=\s*)(["'])\2""", re.IGNORECASE)
# What a decorative image (`alt=""`, or an SVG hidden with aria-hidden) carries through WeasyPrint, which tags
# every image as a /Figure: `finish` finds it and makes the image an artifact instead.
DECORATIVE = "decorative-image-artifact"


def describe_figures(markup: str) -> str:
    """Give each inline SVG that carries its text alternative in `aria-label` (and has no <title>) that text
    as its first child <title>, which WeasyPrint writes as the /Figure's /Alt; mark decorative images."""

    def add_title(match):
        tag = match.group(0)
        label = _ARIA_LABEL.search(tag)
        following = markup[match.end() : match.end() + 200].lstrip().lower()
        if _HIDDEN.search(tag):
            return f"{tag}<title>{DECORATIVE}</title>"
        if label is None or following.startswith("<title"):
            return tag
        return f"{tag}<title>{label.group(2)}</title>"

    markup = _IMG_DECORATIVE.sub(lambda m: f'{m.group(1)}"{DECORATIVE}"', markup)
    return _SVG_OPEN.sub(add_title, markup)


def _attributes(element) -> list:
    """An element's attribute dictionaries (/A is one dictionary or an array of them)."""
    value = element.get("/A")
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _table_attributes(element):
    for attributes in _attributes(element):
        if isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == pikepdf.Name.Table:
            return attributes
    attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
    element.A = attributes if "/A" not in element else pikepdf.Array([*_attributes(element), attributes])
    return attributes


def kids(element):
    """A structure element's child elements (its dictionaries: not its marked-content ids)."""
    kids = element.get("/K")
    if kids is None:
        return []
    return [
        k for k in (kids if isinstance(kids, pikepdf.Array) else [kids]) if isinstance(k, pikepdf.Dictionary)
    ]


def descendants(element):
    """Every structure element below `element`, depth first, parent first."""
    for kid in kids(element):
        if "/S" in kid:
            yield kid
            yield from descendants(kid)


def _scope_table(table) -> int:
    """Give each /TH in one table its /Scope: WeasyPrint's /Headers on the data cells say which headers are the
    row's (`scope="row"`, named by a data cell of the same row) and which the column's."""
    rows = [e for e in descendants(table) if e.get("/S") == pikepdf.Name.TR]
    row_of, named_in_row = {}, set()
    for n, row in enumerate(rows):
        for cell in kids(row):
            if cell.get("/S") == pikepdf.Name.TH and "/ID" in cell:
                row_of[bytes(cell.ID)] = n
        for cell in kids(row):
            if cell.get("/S") == pikepdf.Name.TD:
                for header in _table_attributes(cell).get("/Headers", []):
                    if row_of.get(bytes(header)) == n:
                        named_in_row.add(bytes(header))
    scoped = 0
    for row in rows:
        for cell in kids(row):
            if cell.get("/S") != pikepdf.Name.TH:
                continue
            attributes = _table_attributes(cell)
            if "/Scope" not in attributes:
                row_header = "/ID" in cell and bytes(cell.ID) in named_in_row
                attributes.Scope = pikepdf.Name.Row if row_header else pikepdf.Name.Column
                scoped += 1
    return scoped


def _decorative_to_artifacts(document, tree) -> int:
    """Take each decorative image's /Figure out of the structure tree, and mark its content an artifact."""
    decorative = [
        e
        for e in descendants(tree)
        if e.get("/S") == pikepdf.Name.Figure and str(e.get("/Alt", "")) == DECORATIVE
    ]
    mcids: dict = {}  # page object id → marked-content ids to turn into artifacts
    for element in decorative:
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                mcids.setdefault(element.Pg.objgen, set()).add(int(kid))
        parent = element.P
        parent.K = pikepdf.Array([k for k in _kids_all(parent) if not _same(k, element)])
    for page in document.pages:
        wanted = mcids.get(page.obj.objgen)
        if not wanted:
            continue
        instructions = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if (
                str(operator) == "BDC"
                and isinstance(operands[1], pikepdf.Dictionary)
                and int(operands[1].get("/MCID", -1)) in wanted
            ):
                operands, operator = [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
            instructions.append((operands, operator))
        page.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))
        _forget_in_parent_tree(tree, page, wanted)
    return len(decorative)


def _forget_in_parent_tree(tree, page, mcids) -> None:
    """The parent tree maps a page's marked content to its elements: an artifact has none."""
    key = page.obj.get("/StructParents")
    nums = tree.get("/ParentTree", {}).get("/Nums")
    if key is None or nums is None:
        return
    for n in range(0, len(nums) - 1, 2):
        if int(nums[n]) == int(key) and isinstance(nums[n + 1], pikepdf.Array):
            parents = nums[n + 1]
            for mcid in mcids:
                if mcid < len(parents):
                    parents[mcid] = pikepdf.Object.parse(b"null")


def _kids_all(element):
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []


def _same(a, b) -> bool:
    return isinstance(a, pikepdf.Dictionary) and a.is_indirect and b.is_indirect and a.objgen == b.objgen


def finish(pdf: bytes) -> bytes:
    """Every table header scoped, decorative images artifacts, and the title bar showing the document's title
    rather than its file name."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root
        if "/StructTreeRoot" in root:
            for element in descendants(root.StructTreeRoot):
                if element.get("/S") == pikepdf.Name.Table:
                    _scope_table(element)
            _decorative_to_artifacts(document, root.StructTreeRoot)
            _plain_spans_into_parents(root.StructTreeRoot)
        preferences = root.get("/ViewerPreferences") or pikepdf.Dictionary()
        preferences.DisplayDocTitle = True
        root.ViewerPreferences = preferences
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


# What a /Span WeasyPrint writes for each run of text carries when it says nothing its parent does not.
_PLAIN_SPAN = {"/K", "/P", "/Pg", "/S", "/Type"}


def _plain_spans_into_parents(tree) -> None:
    """Give a plain /Span's marked content to its parent. WeasyPrint tags each run of text as a /Span (half of
    a pack's structure elements) even when it has no attributes, language or alternative text of its own:
    such a /Span says no more than its parent's own content would, so its MCIDs go in its place in the
    parent's /K (same page) and the parent tree points them at the parent. A screen reader reads the same
    text in the same order; the document holds half the objects (its pack assembles and checks in half the
    time and memory)."""
    pointing: dict = {}  # a structure element → the parent tree's slots that point at it
    for _key, marked in number_tree(tree.get("/ParentTree")):
        if isinstance(marked, pikepdf.Array):
            for n, element in enumerate(marked):
                if isinstance(element, pikepdf.Dictionary) and element.is_indirect:
                    pointing.setdefault(element.objgen, []).append((marked, n))

    def fold(element) -> None:
        below = element.get("/K")
        if not isinstance(below, pikepdf.Array):
            return
        folded, changed = [], False
        for kid in below:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                fold(kid)
                if _is_plain_span(kid, element):
                    for marked, n in pointing.get(kid.objgen, []):
                        marked[n] = element
                    folded.extend(kid.K)
                    changed = True
                    continue
            folded.append(kid)
        if changed:
            element.K = pikepdf.Array(folded)

    for top in kids(tree):
        fold(top)


def _is_plain_span(element, parent) -> bool:
    if element.get("/S") != pikepdf.Name.Span or set(element.keys()) != _PLAIN_SPAN:
        return False
    parent_page = parent.get("/Pg")
    return (
        isinstance(element.K, pikepdf.Array)  # empty, when the run of text was empty: then it simply goes
        and all(_is_mcid(k) for k in element.K)
        and parent_page is not None
        and element.Pg.objgen == parent_page.objgen
    )


def _is_mcid(value) -> bool:
    """A marked-content id: a number (pikepdf gives a PDF integer as a Python int; a boolean is not one)."""
    return isinstance(value, int) and not isinstance(value, bool)


def number_tree(tree) -> list:
    """A number tree's pairs (its /Nums, and its /Kids' in order)."""
    if tree is None:
        return []
    nums = tree.get("/Nums")
    pairs = [(int(nums[n]), nums[n + 1]) for n in range(0, len(nums) - 1, 2)] if nums is not None else []
    for kid in tree.get("/Kids", []):
        pairs += number_tree(kid)
    return pairs


def draw_as_artifact(document, page, source, matrix) -> None:
    """Draw `source` (a page of another PDF) onto `page` of `document` through `matrix`, marked as an artifact: it is not
    part of the pack's structure, so it must not be untagged content either (PDF/UA-1 §7.1)."""
    form = document.copy_foreign(source.as_form_xobject())
    name = page.add_resource(form, pikepdf.Name.XObject, prefix="Appendix")
    a, b, c, d, e, f = matrix
    page.contents_add(
        f"/Artifact BMC q {a:.4f} {b:.4f} {c:.4f} {d:.4f} {e:.4f} {f:.4f} cm {name} Do Q EMC".encode(),
        prepend=False,
    )


def is_tagged(data: bytes) -> bool:
    """Whether an uploaded PDF says it is tagged (/MarkInfo /Marked true) and has a structure tree: the least a
    screen reader needs. False for anything that is not a readable PDF."""
    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            root = document.Root
            marked = bool(root.get("/MarkInfo", {}).get("/Marked", False))
            return marked and "/StructTreeRoot" in root
    except (pikepdf.PdfError, ValueError):
        return False


# The checker's rules about the document as a whole (its catalog, metadata and the tree's root): the only ones
# an assembled pack needs once each of its parts has been checked by all the others, since the assembly copies
# the parts' pages, tags and annotations and makes only these anew (tests/meetings/test_pack_accessibility
# holds a pack's combined summary equal to every rule run on the whole pack).
WHOLE_DOCUMENT_RULES = frozenset(
    {"UA-01-005", "UA-01-002", "UA-06-001", "UA-07-001", "UA-07-002", "UA-28-004"}
)


def check(pdf: bytes, rules: str = "all") -> dict:
    """The open checker's findings on a PDF: counts by severity and by rule, each finding in short, and the
    rules it could not run (`not_run`, with why: never counted as passed). `rules`: "all", "whole" (only
    those about the document as a whole: WHOLE_DOCUMENT_RULES) or "part" (all the others: for a part of a
    pack, whose catalog and metadata the assembly makes anew)."""
    from pdfua import Severity, Validator
    from pdfua.model import Report

    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:  # pdfua reads from a path
        file.write(pdf)
        file.flush()
        # Validator.validate(path), with _Checked's document and rules.
        with _Checked.document().open(file.name) as document:
            outcomes = Validator(_Checked.options(rules))._run_rules(document)
    report = Report(path="pack.pdf", outcomes=outcomes, duration_ms=0.0)
    by_rule: dict[str, int] = {}
    for finding in report.findings:
        by_rule[finding.rule_id] = by_rule.get(finding.rule_id, 0) + 1
    counts = report.count_by_severity()
    return {
        "checker": "pdfua",
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "by_rule": by_rule,
        "not_run": {o.rule_id: o.skipped_reason[:300] for o in outcomes if o.skipped_reason},
        "findings": [
            {
                "rule": f.rule_id,
                "severity": f.severity.name.lower(),
                "page": f.location.page if f.location else None,
                "message": html.unescape(f.message)[:300],
            }
            for f in report.findings[:50]
        ],
    }


def combined(whole: dict, parts: list[tuple[dict, int]]) -> dict:
    """One summary of a document from the whole-document rules' findings on it (`whole`) and every rule's on
    each of its parts laid out alone (`parts`: each summary with the page, in the document, of its first
    page): counts added up, each part's findings at their pages in the document."""
    summaries = [whole] + [summary for summary, _first in parts]
    by_rule: dict[str, int] = {}
    for summary in summaries:
        for rule, count in summary.get("by_rule", {}).items():
            by_rule[rule] = by_rule.get(rule, 0) + count
    findings = list(whole.get("findings", []))
    for summary, first in parts:
        for finding in summary.get("findings", []):
            page = finding.get("page")
            findings.append({**finding, "page": None if page is None else page + first - 1})
    return {
        "checker": "pdfua",
        "errors": sum(s.get("errors", 0) for s in summaries),
        "warnings": sum(s.get("warnings", 0) for s in summaries),
        "by_rule": by_rule,
        "not_run": {rule: why for s in summaries for rule, why in s.get("not_run", {}).items()},
        "findings": findings[:50],
    }


class _Checked:
    """pdfua 0.1.3 (pinned) with two faults of its own mended, each confirmed on our packs:

    * its document's `_walk` builds each structure element with all its descendants, then walks down and
      builds every child again, so each element is built once per ancestor: a 400-page pack's 54,000
      elements took 640,000 builds (13 s). Here the element already built is walked: the same elements, in
      the same order, built once (3 s).
    * its empty-heading rule (UA-14-001) asks a pikepdf array for `is_integer`, which pikepdf 10 answers
      with a ValueError, so the rule never ran on a heading whose /K is an array (all of ours): here it
      reads numbers as pikepdf gives them (Python ints)."""

    @staticmethod
    @lru_cache(maxsize=1)
    def document():
        from pdfua.document import PdfDocument

        class WalkedOnce(PdfDocument):
            def _walk(self, node, depth, page):
                element = self._build(node, depth, page)
                if element is not None:
                    yield from _depth_first(element)

        return WalkedOnce

    @staticmethod
    @lru_cache(maxsize=3)
    def options(rules: str = "all"):
        from pdfua import ValidatorOptions
        from pdfua.rules import ALL_RULES, RuleRegistry
        from pdfua.rules.structure import EmptyHeadingRule

        class EmptyHeading(EmptyHeadingRule):
            @staticmethod
            def _has_text(element) -> bool:
                return _marks_content(element.obj)

        checked = [EmptyHeading() if isinstance(r, EmptyHeadingRule) else r for r in ALL_RULES]
        if rules != "all":
            whole = rules == "whole"
            checked = [r for r in checked if (r.id in WHOLE_DOCUMENT_RULES) == whole]
        return ValidatorOptions(registry=RuleRegistry(checked))


def _depth_first(element):
    yield element
    for child in element.children:
        yield from _depth_first(child)


def _marks_content(node) -> bool:
    """Whether a structure element's /K reaches marked content: an MCID (a number), a marked-content
    reference, or an element below that does."""
    if not isinstance(node, pikepdf.Dictionary):
        return False
    kid = node.get("/K")
    if _is_mcid(kid):
        return True
    if isinstance(kid, pikepdf.Array):
        return any(_is_mcid(k) or _marks_content(k) for k in kid)
    if isinstance(kid, pikepdf.Dictionary):
        return kid.get("/Type") == pikepdf.Name.MCR or _marks_content(kid)
    return False
