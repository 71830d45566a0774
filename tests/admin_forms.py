"""Read an admin form out of a rendered page the way a browser would submit it, untouched."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            if self._textarea:
                # Browsers drop the one newline that follows <textarea>.
                self.data[self._textarea][0] = self.data[self._textarea][0].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def read_form(response, form_id="practice_form"):
    """The fields of form `form_id` in `response` as POST data (lists for repeated names)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()}
