"""A pack put together from its parts' tagged PDFs with pikepdf: the front (cover, agenda, contents) and each
agenda item's PDF, in order, as ONE tagged document (PDF/UA-1):

* every part's structure tree kept, under one /Document (each part's own /Document becomes a /Part), its
  elements' IDs made unique (a table header's /ID and the /Headers naming it), and the parent tree merged with
  each page's /StructParents and each annotation's /StructParent renumbered;
* the item pages stamped with the pack's running title and "Page X of Y", as pagination artifacts;
* the front's links to items (to `ITEM_ORIGIN` + anchor) turned into links to the item's first page;
* every part's bookmarks kept, at their pages in the pack; language, title, DisplayDocTitle and the PDF/UA
  identifier set.

qpdf copies a page's objects when the page is added, and a structure element copied afterwards from the same
file finds its page (/Pg) and annotations (/OBJR) already copied: so each part's pages go in first.
"""

import io

import pikepdf

from . import pdf_tags

# Where the front's links to items point before assembly; `.invalid` never resolves (RFC 2606).
ITEM_ORIGIN = "https://pack-item.invalid/"


def _unique_ids(tree, prefix: str) -> list:
    """Prefix every element's /ID and every /Headers reference to one, so no two parts share an ID. Returns
    the elements with an ID, each with its new ID."""
    named = []
    for element in pdf_tags.descendants(tree):
        if "/ID" in element:
            key = prefix + bytes(element.ID).decode("latin-1")
            element.ID = pikepdf.String(key)
            named.append((key, element))
        attributes = element.get("/A")
        for a in attributes if isinstance(attributes, pikepdf.Array) else [attributes] if attributes else []:
            if isinstance(a, pikepdf.Dictionary) and "/Headers" in a:
                a.Headers = pikepdf.Array(
                    [pikepdf.String(prefix + bytes(h).decode("latin-1")) for h in a.Headers]
                )
    return named


def _copy(out, value):
    """A foreign value into `out`: indirect objects through qpdf's copy (which maps what was copied before),
    direct arrays element by element."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(out, v) for v in value])
    return value


class Stamp:
    """The running title and "Page X of Y" drawn on an item's pages, made from one page WeasyPrint laid out
    with the same page rules (`sample`: its running title, and a footer reading SAMPLE_FOOTER). The footer is
    redrawn for each page with the same font's glyphs for the characters it needs (only digits change)."""

    SAMPLE_FOOTER = "Page 0123456789 of"

    def __init__(self, sample: bytes):
        self.source = pikepdf.open(io.BytesIO(sample))
        page = self.source.pages[-1]  # the first page has no running title
        self.instructions = list(pikepdf.parse_content_stream(page))
        self.resources = page.Resources
        self.box = page.mediabox
        # The footer: the text block lowest on the page (WeasyPrint's y axis points down).
        blocks, start = [], None
        for n, (_operands, operator) in enumerate(self.instructions):
            if str(operator) == "BT":
                start = n
            elif str(operator) == "ET" and start is not None:
                blocks.append((start, n))
        y_of = {}
        for first, last in blocks:
            for operands, operator in self.instructions[first:last]:
                if str(operator) == "Tm":
                    y_of[(first, last)] = float(operands[5])
        self.footer = max(blocks, key=lambda b: y_of.get(b, 0))
        first, last = self.footer
        codes, self.font_name, self.size, self.tm = b"", None, 0.0, None
        for n in range(first, last):
            operands, operator = self.instructions[n]
            if str(operator) == "Tf":
                self.font_name, self.size = operands[0], float(operands[1])
            elif str(operator) == "Tm":
                self.tm = [float(v) for v in operands]
            elif str(operator) == "TJ":
                self.tj_index = n
                codes += b"".join(bytes(v) for v in operands[0] if isinstance(v, pikepdf.String))
        glyphs = [codes[i : i + 2] for i in range(0, len(codes), 2)]
        if len(glyphs) != len(self.SAMPLE_FOOTER):
            raise ValueError("The page-number sample was not laid out as one glyph per character")
        self.glyph = dict(zip(self.SAMPLE_FOOTER, glyphs, strict=True))
        font = self.resources.Font[self.font_name]
        self.widths = self._widths(font)
        self.centre = self.tm[4] + self._width(self.SAMPLE_FOOTER) / 2

    @staticmethod
    def _widths(font) -> dict[int, float]:
        descendant = font.DescendantFonts[0]
        widths, w = {}, list(descendant.get("/W", []))
        n = 0
        while n < len(w):
            first = int(w[n])
            if isinstance(w[n + 1], pikepdf.Array):
                for k, width in enumerate(w[n + 1]):
                    widths[first + k] = float(width)
                n += 2
            else:
                for code in range(first, int(w[n + 1]) + 1):
                    widths[code] = float(w[n + 2])
                n += 3
        widths[-1] = float(descendant.get("/DW", 1000))
        return widths

    def _width(self, text: str) -> float:
        return (
            sum(self.widths.get(int.from_bytes(self.glyph[c], "big"), self.widths[-1]) for c in text)
            * self.size
            / 1000
        )

    def content(self, text: str) -> bytes:
        """The sample page's drawing with the footer reading `text` (centred where the sample's was), every
        marked-content sequence in it an artifact: it is the page's furniture, not its content."""
        instructions = []
        for n, (operands, operator) in enumerate(self.instructions):
            if n == self.tj_index:
                operands = [pikepdf.Array([pikepdf.String(b"".join(self.glyph[c] for c in text))])]
            elif self.footer[0] <= n < self.footer[1] and str(operator) == "Tm":
                operands = [*self.tm[:4], self.centre - self._width(text) / 2, self.tm[5]]
            elif str(operator) == "BDC":
                operands, operator = [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
            instructions.append((operands, operator))
        return pikepdf.unparse_content_stream(instructions)

    def draw(self, out, page, text: str) -> None:
        if getattr(self, "_out", None) is not out:  # the fonts copied once into the pack, shared by its pages
            self._out = out
            resources = (
                self.resources if self.resources.is_indirect else self.source.make_indirect(self.resources)
            )
            self._resources = out.copy_foreign(resources)
        form = out.make_stream(
            self.content(text),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=pikepdf.Array([float(v) for v in self.box]),
            Resources=self._resources,
        )
        name = page.add_resource(form, pikepdf.Name.XObject, prefix="Stamp")
        page.contents_add(b"q", prepend=True)
        page.contents_add(f"Q /Artifact <</Type /Pagination>> BDC q {name} Do Q EMC".encode(), prepend=False)

    def close(self):
        self.source.close()


def _link_to_pages(out, page, first_page_of: dict[str, int], titles: dict[str, str]) -> None:
    """The front's links to an item (ITEM_ORIGIN + its anchor) made links to the item's first page."""
    for annotation in page.obj.get("/Annots", []):
        action = annotation.get("/A")
        uri = str(action.get("/URI", "")) if action is not None else ""
        if not uri.startswith(ITEM_ORIGIN):
            continue
        anchor = uri[len(ITEM_ORIGIN) :]
        if anchor not in first_page_of:
            continue
        target = out.pages[first_page_of[anchor]].obj
        del annotation["/A"]
        annotation.Dest = pikepdf.Array([target, pikepdf.Name.XYZ, None, None, None])
        annotation.Contents = pikepdf.String(f"Go to {titles.get(anchor, 'the item')}")


def _internal_links(source) -> list[tuple[int, int, int, list]]:
    """Each link within a part (by name or by page) as (page, annotation, target page, rest of the
    destination): set again once every page is copied (qpdf drops a link to a page not copied yet)."""
    pages = {page.obj.objgen: n for n, page in enumerate(source.pages)}
    names = None
    if "/Names" in source.Root and "/Dests" in source.Root.Names:
        names = pikepdf.NameTree(source.Root.Names.Dests)
    links = []
    for n, page in enumerate(source.pages):
        for k, annotation in enumerate(page.obj.get("/Annots", [])):
            destination = annotation.get("/Dest")
            action = annotation.get("/A")
            if destination is None and action is not None and action.get("/S") == pikepdf.Name.GoTo:
                destination = action.get("/D")
            if isinstance(destination, pikepdf.String) and names is not None:
                destination = names.get(str(destination))
                if isinstance(destination, pikepdf.Dictionary):
                    destination = destination.get("/D")
            if isinstance(destination, pikepdf.Array) and len(destination) and destination[0].is_indirect:
                target = pages.get(destination[0].objgen)
                if target is not None:
                    links.append((n, k, target, list(destination)[1:]))
    return links


def _outline(out, source, offset: int, into: list) -> None:
    pages = {page.obj.objgen: n for n, page in enumerate(source.pages)}

    def copy(entries, into):
        for entry in entries:
            destination = entry.destination
            target = None
            if isinstance(destination, pikepdf.Array) and len(destination):
                target = pages.get(destination[0].objgen)
            top = None
            if isinstance(destination, pikepdf.Array) and len(destination) > 3:
                top = destination[3]
            made = pikepdf.OutlineItem(
                entry.title,
                offset + target if target is not None else offset,
                "XYZ",
                top=float(top) if isinstance(top, int | float | pikepdf.Object) and top is not None else None,
            )
            into.append(made)
            copy(entry.children, made.children)

    with source.open_outline() as outline:
        copy(outline.root, into)


def assemble(front: bytes, items: list, *, title: str, lang: str, stamp: bytes, anchors: list[str],
             titles: dict[str, str], first_pages: dict[str, int]) -> bytes:  # fmt: skip
    """The pack: `front` (its pages first), then each item's PDF (`items`: paths or bytes, in order), each
    item page stamped from `stamp` (a sample page: see Stamp) with "Page X of Y"."""
    out = pikepdf.new()
    root = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = out.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root, K=pikepdf.Array())
    )
    root.K = document
    parent_tree, role_map, ids = [], pikepdf.Dictionary(), []
    next_key = 0
    outline_entries: list = []
    front_pages = 0
    stamper = Stamp(stamp)
    metadata = None
    try:
        for n, part in enumerate([front, *items]):
            # Closed as soon as its objects are copied: qpdf keeps only what it needs to read the copied
            # streams' data when the pack is written, so the assembly holds the pack and one part, not every
            # part (a 400-page pack: 120 MB, not 210).
            with pikepdf.open(io.BytesIO(part) if isinstance(part, bytes) else part) as source:
                front_pages = front_pages or len(source.pages)
                offset = len(out.pages)
                tree = source.Root.get("/StructTreeRoot")
                pairs = pdf_tags.number_tree(tree.get("/ParentTree")) if tree is not None else []
                shift = next_key
                links = _internal_links(source)
                for page in source.pages:
                    out.pages.append(page)
                    copied = out.pages[-1]
                    if "/StructParents" in copied.obj:
                        copied.obj.StructParents = int(copied.obj.StructParents) + shift
                    for annotation in copied.obj.get("/Annots", []):
                        if "/StructParent" in annotation:
                            annotation.StructParent = int(annotation.StructParent) + shift
                for n_page, k, target, rest in links:
                    annotation = out.pages[offset + n_page].obj.Annots[k]
                    if "/A" in annotation:
                        del annotation["/A"]
                    annotation.Dest = pikepdf.Array([out.pages[offset + target].obj, *rest])
                if pairs:
                    next_key = shift + max(k for k, _ in pairs) + 1
                if tree is not None:
                    named = _unique_ids(tree, f"p{n}-")
                    for top in pdf_tags.kids(tree):
                        if "/P" in top:
                            del top["/P"]
                        if top.get("/S") == pikepdf.Name.Document:
                            top.S = pikepdf.Name.Part
                        copied = _copy(out, top)
                        copied.P = document
                        document.K.append(copied)
                    for key, value in pairs:
                        parent_tree.append((key + shift, _copy(out, value)))
                    # Each element was copied with its parent: qpdf hands back that copy (it maps what it
                    # copied from this part), so the pack's ID tree needs no walk of the pack's own tree.
                    ids.extend((key, _copy(out, element)) for key, element in named)
                    for name, role in tree.get("/RoleMap", {}).items():
                        role_map[name] = role
                if n == 0 and "/Metadata" in source.Root:
                    metadata = out.copy_foreign(source.Root.Metadata)
                _outline(out, source, offset, outline_entries)
        total = len(out.pages)
        for index in range(front_pages, total):
            stamper.draw(out, out.pages[index], f"Page {index + 1} of {total}")
        for index in range(front_pages):
            _link_to_pages(out, out.pages[index], {a: first_pages[a] - 1 for a in anchors}, titles)
        root.ParentTree = out.make_indirect(
            pikepdf.Dictionary(Nums=pikepdf.Array([v for k, value in parent_tree for v in (k, value)]))
        )
        root.ParentTreeNextKey = next_key
        if ids:
            # One array made from a list: extending a pikepdf.Array copies it, so 22,000 IDs added one by one
            # took seconds.
            names = [
                v
                for key, element in sorted(ids, key=lambda pair: pair[0])
                for v in (pikepdf.String(key), element)
            ]
            root.IDTree = out.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))
        if len(role_map):
            root.RoleMap = role_map
        out.Root.StructTreeRoot = root
        out.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        out.Root.Lang = pikepdf.String(lang)
        out.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        out.Root.PageMode = pikepdf.Name.UseOutlines
        if metadata is not None:
            out.Root.Metadata = metadata
        with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title
        out.docinfo.Title = pikepdf.String(title)
        out.docinfo.Producer = pikepdf.String("Commissioning (WeasyPrint, pikepdf)")
        with out.open_outline() as outline:
            outline.root.extend(outline_entries)
        buffer = io.BytesIO()
        out.save(buffer, min_version="1.7", object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return buffer.getvalue()
    finally:
        stamper.close()
        out.close()
