"""Reading the national registry file (services/importers/rpss.py): streaming it, turning each item into a
plain record, and saying where a broken file breaks. Nothing here touches the database.

- **Streamed**: the file (~100 MB, root `{"polozky": [...]}`, one item per service) is read with ijson and
  handed on in batches (`batches()`), so memory stays flat. A file that is not JSON, not UTF-8, has the
  wrong root or breaks midway raises `ImportFileError` with the byte offset, line and item number.
- **Item by item**: a bad item (invalid IČO, no identifier, no provider or service type) raises `SkipItem`;
  a bad part of an item (an unknown form or unit) is left out; an unknown obec is kept as its raw code;
  every such problem is passed to the caller's `problem(reason)`.
- **Verbatim**: text is stored as given (only leading and trailing white space is dropped); a value longer
  than its column is cut with a warning. Only http(s) web addresses are completed to links; anything with
  another scheme (`javascript:`) is stored as given and reported. What is read never depends on the
  active language, so the fingerprint (`fingerprint()`, the hash of the record) does not either.
  Personal data of statutory bodies (`statutarniOrgany`) is never read.
"""

import codecs
import datetime as dt
import hashlib
import json
import re

import ijson
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from services.importers.source import ImportFileError
from services.models import CapacityUnit, Form, validate_ico

# Columns with a limit; the real registry stays well inside them (a longer value is cut and reported).
LIMITS = {"web": 2000, "email": 254, "phone": 100, "postcode": 6, "registry_id": 20, "hours": 5}
FORMS = {choice.value for choice in Form}
UNITS = {choice.value for choice in CapacityUnit}


class SkipItem(Exception):
    """The item cannot be imported at all; the message is the reason shown in the report."""



# --- Reading the file ------------------------------------------------------------------------------------

def read_items(handle, *, size: int, progress=None):
    """Yield (index, item) of `polozky`; a broken file raises ImportFileError saying where: the byte offset
    and line of the first bad byte. `progress(items, bytes read, size)` is called every 200 items."""
    index, start = -1, handle.tell()  # after a skipped byte-order mark
    try:
        for index, item in enumerate(ijson.items(handle, "polozky.item", use_float=True)):
            yield index, item
            if progress and index % 200 == 0:
                progress(index + 1, handle.tell(), size)
    except (ijson.JSONError, UnicodeDecodeError) as error:
        encoding = isinstance(error, UnicodeDecodeError) or "utf8" in str(error).lower().replace("-", "")
        bad_utf8, offset = first_bad_utf8_byte(handle, start=start), first_bad_json_byte(handle, start=start)
        encoding = bad_utf8 is not None and (encoding or bad_utf8 <= offset)
        if encoding:
            offset = bad_utf8
        raise ImportFileError(_describe_error(error, encoding=encoding, offset=offset,
                                              line=line_of(handle, offset), items=index + 1)) from None
    if progress:
        progress(index + 1, size, size)
    if index < 0:
        raise ImportFileError(_("The file has no items: its root must be an object with a non-empty list "
                                "\"polozky\"."))


CHUNK = 1024 * 1024


def first_bad_utf8_byte(handle, *, start: int = 0) -> int | None:
    """Offset of the first byte that is not valid UTF-8 (None when the whole file is valid)."""
    handle.seek(start)
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = start  # offset of the next chunk
    while True:
        chunk = handle.read(CHUNK)
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            return offset - (len(error.object) - len(chunk)) + error.start
        if not chunk:
            return None
        offset += len(chunk)


class _SlowReader:
    """A file reader that gives ijson single bytes from `slow_from` on, so that the parser fails right after
    reading the bad byte and the number of bytes read says where it is."""

    def __init__(self, handle, slow_from: int):
        self.handle, self.slow_from, self.position, self.eof = handle, slow_from, handle.tell(), False

    def read(self, size: int = -1) -> bytes:
        if size and size > 0:
            if self.position >= self.slow_from:
                size = 1
            elif self.position + size > self.slow_from:
                size = self.slow_from - self.position
        data = self.handle.read(size)
        self.position += len(data)
        self.eof = self.eof or (size != 0 and not data)
        return data


def _parse_until_error(handle, *, start: int, slow_from: int):
    """(bytes read when the parser failed, whether it had reached the end), or None when it did not fail."""
    handle.seek(start)
    reader = _SlowReader(handle, slow_from=slow_from)
    try:
        for _event in ijson.basic_parse(reader, buf_size=64 * 1024):
            pass
    except (ijson.JSONError, UnicodeDecodeError):
        return reader.position, reader.eof
    return None


def first_bad_json_byte(handle, *, start: int = 0) -> int:
    """Offset of the byte at which the JSON parser fails: a fast pass finds its chunk, a second pass reads
    that chunk byte by byte. The file's length for a file that ends too early."""
    fast = _parse_until_error(handle, start=start, slow_from=2**62)
    if fast is None:
        return start
    if fast[1]:
        return fast[0]  # cut off: the end of the file
    slow = _parse_until_error(handle, start=start, slow_from=max(start, fast[0] - 2 * 64 * 1024)) or fast
    return slow[0] if slow[1] else max(start, slow[0] - 1)


def line_of(handle, offset: int) -> int:
    """1-based line number of the byte at `offset`."""
    handle.seek(0)
    lines, read = 1, 0
    while read < offset:
        chunk = handle.read(min(CHUNK, offset - read))
        if not chunk:
            break
        lines += chunk.count(b"\n")
        read += len(chunk)
    return lines


def _describe_error(error, *, encoding: bool, offset: int, line: int, items: int) -> str:
    text = str(error)
    where = {"offset": offset, "line": line, "items": items}
    if encoding:
        return _("The file is not in UTF-8 encoding: the first invalid byte is at byte %(offset)d (line "
                 "%(line)d), after item %(items)d. Save it as UTF-8.") % where
    if "premature EOF" in text or "Incomplete" in text:
        return _("The file ends too early (cut off at byte %(offset)d, line %(line)d, after item %(items)d): "
                 "it is probably incomplete.") % where
    reason = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return _("The file is not valid JSON (at byte %(offset)d, line %(line)d, after item %(items)d): "
             "%(reason)s") % {**where, "reason": reason}


# --- One item → a normalised record ----------------------------------------------------------------------

def _code(value) -> str | None:
    """`{"id": "Codelist/N"}` → "Codelist/N"."""
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].strip():
        return value["id"].strip()
    return None


def _suffix(code: str | None) -> str | None:
    return code.rsplit("/", 1)[-1] if code else None


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _text(value) -> str:
    """The value as given: only leading and trailing white space goes (runs of spaces inside stay)."""
    return str(value).strip() if value not in (None, "") else ""


def _clip(value: str, limit: int, what: str, problem) -> str:
    """Cut a value longer than its column, with a warning (the real registry stays inside the limits)."""
    if len(value) > limit:
        problem(_("%(what)s is longer than %(limit)d characters; the rest is cut off.")
                % {"what": what, "limit": limit})
        return value[:limit]
    return value


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _first(entries, key: str) -> str:
    for entry in _list(entries):
        if isinstance(entry, dict) and entry.get(key):
            return _text(entry[key])
    return ""


# A scheme at the start ("javascript:", "mailto:"), not a host with a port ("www.example.cz:8080").
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):(?!\d+(?:[/?#]|$))", re.IGNORECASE)


def _web(value: str, problem) -> str:
    """An http(s) address, completed with https:// when it has no scheme; anything with another scheme is
    stored as given (never turned into a link) and reported."""
    if not value:
        return ""
    match = SCHEME.match(value)
    if match and match.group(1).lower() not in ("http", "https"):
        problem(_("The web address %(value)s is not an http(s) address; it is stored as given and not shown as "
                  "a link.") % {"value": repr(value[:100])})
    elif not match:
        value = "https://" + value
    return _clip(value, LIMITS["web"], "web", problem)


def _postcode(value) -> str:
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 5 else digits[:6]


class ItemParser:
    """Turns one registry item into a plain, JSON-serialisable record (the fingerprint is its hash)."""

    def __init__(self, *, obce: dict, kraje_by_ruian: dict, today: dt.date):
        self.obce = obce  # code → (name, orp code, kraj code)
        self.kraje_by_ruian = kraje_by_ruian
        self.today = today

    def parse(self, item, problem) -> dict:
        registry_id = identifier_of(item)  # the caller has refused an item without one
        if len(registry_id) > LIMITS["registry_id"]:
            raise SkipItem(_("The service identifier is longer than %(limit)d characters.")
                           % {"limit": LIMITS["registry_id"]})
        provider = self.provider(item.get("poskytovatel"), problem)
        type_code = _code(item.get("druhSocialniSluzby"))
        if not type_code:
            raise SkipItem(_("The item has no service type (druhSocialniSluzby)."))
        valid_from = self.date(item.get("datumPoskytovaniOd"), "datumPoskytovaniOd", problem)
        valid_to = self.date(item.get("datumPoskytovaniDo"), "datumPoskytovaniDo", problem)
        if valid_from and valid_to and valid_to < valid_from:
            problem(_("The end date %(to)s is before the start date %(from)s; the start date is left out.")
                    % {"to": valid_to, "from": valid_from})
            valid_from = None
        forms, capacities = self.forms(item.get("formy"), problem)
        contact_obec = None
        for contact in _list(item.get("kontaktniAdresy")):
            if isinstance(contact, dict) and isinstance(contact.get("adresa"), dict):
                contact_obec = self.obec(contact["adresa"], problem)[0]
                break
        facilities = self.facilities(item.get("zarizeni"), " ".join(f[0] for f in forms), contact_obec, problem)
        target_groups, target_notes = [], []
        for entry in _list(item.get("ciloveSkupiny")):
            code = _code(entry.get("cilovaSkupina")) if isinstance(entry, dict) else None
            if code:
                target_groups.append(code)
                if entry.get("doplnujiciInformace"):
                    target_notes.append(_text(entry["doplnujiciInformace"]))
        age_groups = [code for entry in _list(item.get("vekoveSkupiny"))
                      if isinstance(entry, dict) and (code := _code(entry.get("vekovaSkupina")))]
        served_kraje = []
        for entry in _list(item.get("rozsirenePusobnostiVKraji")):
            code = _code(entry.get("kraj")) if isinstance(entry, dict) else None
            kraj = self.kraje_by_ruian.get(_int(_suffix(code)))
            if kraj is None:
                problem(_("Unknown kraj %(code)s in the extended scope; left out.") % {"code": code})
            elif kraj not in served_kraje:
                served_kraje.append(kraj)
        open_facilities = [f for f in facilities if not f[8] or f[8] >= self.today.isoformat()]
        name = (open_facilities or facilities or [[""]])[0][0]
        return {
            "registry_id": registry_id,
            "portal_id": _int(item.get("portalId")),
            "provider": provider,
            "service_type": type_code,
            "name": name,
            "valid_from": valid_from and valid_from.isoformat(),
            "valid_to": valid_to and valid_to.isoformat(),
            "web": _web(_first(item.get("weby"), "web"), problem) or provider["web"],
            "email": _clip(_first(item.get("emaily"), "email"), LIMITS["email"], "e-mail", problem)
            or provider["email"],
            "phone": _clip(", ".join(_text(e.get("telefon")) for e in _list(item.get("telefony"))
                                     if isinstance(e, dict) and e.get("telefon")), LIMITS["phone"], "phone", problem)
            or provider["phone"],
            "target_groups": sorted(set(target_groups)),
            "target_groups_note": "\n".join(target_notes),
            "age_groups": sorted(set(age_groups)),
            "age_groups_note": _text(item.get("doplnujiciInformaceVekoveSkupiny")),
            "forms": forms,
            "capacities": capacities,
            "facilities": facilities,
            "served_kraje": sorted(served_kraje),
        }

    def provider(self, data, problem) -> dict:
        if not isinstance(data, dict):
            raise SkipItem(_("The item has no provider (poskytovatel)."))
        raw = data.get("ico")
        ico = str(raw).strip() if raw is not None else ""
        if ico.isdigit() and len(ico) < 8:
            ico = ico.zfill(8)  # IČO given as a number lost its leading zeros
        try:
            validate_ico(ico)
        except ValidationError:
            raise SkipItem(_("Invalid IČO %(ico)r of the provider.") % {"ico": raw}) from None
        name = _text(data.get("nazev"))
        if not name:
            raise SkipItem(_("The provider has no name."))
        address = data.get("adresa") if isinstance(data.get("adresa"), dict) else None
        # statutarniOrgany (names of statutory bodies) are personal data and are deliberately not read.
        return {"ico": ico, "name": name, "address": self.address(address) if address else "",
                "obec": self.obec(address, problem)[0] if address else None,
                "web": _web(_first(data.get("weby"), "web"), problem),
                "email": _clip(_first(data.get("emaily"), "email"), LIMITS["email"], "e-mail", problem),
                "phone": _clip(_first(data.get("telefony"), "telefon"), LIMITS["phone"], "phone", problem)}

    def date(self, value, key: str, problem) -> dt.date | None:
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            problem(_("Invalid date %(value)r in %(key)s; left out.") % {"value": value, "key": key})
            return None

    def obec(self, address: dict, problem) -> tuple[int | None, str]:
        """(the obec's code when the portal knows it, else None; the registry's raw code when it does not)."""
        code = _code(address.get("obec"))
        if code is None:
            return None, ""
        obec = _int(_suffix(code))
        if obec not in self.obce:
            problem(_("Unknown municipality %(code)s; the raw code is kept and no other municipality is used.")
                    % {"code": code})
            return None, code
        return obec, ""

    def address(self, address: dict) -> str:
        street = (address.get("ulice") or {}).get("nazev") if isinstance(address.get("ulice"), dict) else None
        number = str(address.get("cisloDomovni") or "")
        if address.get("cisloOrientacni"):
            number = f"{number}/{address['cisloOrientacni']}" if number else str(address["cisloOrientacni"])
        obec = self.obce.get(_int(_suffix(_code(address.get("obec")))))
        if street:
            first = f"{street} {number}".strip()
        elif number:
            kind = _suffix(_code(address.get("typCislaDomovniho")))
            # Stored text: Czech whatever the active language (the fingerprint must not depend on it).
            first = f"č. ev. {number}" if kind == "2" else f"č. p. {number}"
        else:
            first = ""
        parts = [first, _text(address.get("dodatekAdresy")), obec[0] if obec else ""]
        return ", ".join(p for p in parts if p)

    def forms(self, entries, problem) -> tuple[list, list]:
        forms, capacities, seen = [], [], set()
        if not isinstance(entries, list) or not entries:
            problem(_("The item lists no forms of provision (formy is empty, missing or not a list); the service "
                      "is imported without forms."))
            return forms, capacities
        for entry in entries:
            if not isinstance(entry, dict):
                problem(_("A form of provision is not an object; left out."))
                continue
            form = _suffix(_code(entry.get("forma")))
            if form not in FORMS:
                problem(_("Unknown form %(code)s; left out.") % {"code": _code(entry.get("forma"))})
                continue
            if form in seen:
                problem(_("Form %(form)s is listed twice; the first one is used.") % {"form": form})
                continue
            seen.add(form)
            nonstop = bool(entry.get("nepretrzitePoskytovani"))
            hours = []
            for span in _list(entry.get("casoveRozsahy")):
                if isinstance(span, dict) and (day := _int(_suffix(_code(span.get("denVTydnu"))))):
                    hours.append({"day": day, "from": _text(span.get("od")), "to": _text(span.get("do"))})
            forms.append([form, nonstop, hours])
            units = set()
            for capacity in _list(entry.get("kapacity")):
                if not isinstance(capacity, dict):
                    continue
                unit = _suffix(_code(capacity.get("typ")))
                maximum = _int(capacity.get("pocet"))
                if unit not in UNITS:
                    problem(_("Unknown capacity unit %(code)s; left out.") % {"code": _code(capacity.get("typ"))})
                elif maximum is None or maximum < 0:
                    problem(_("Invalid capacity %(value)r; left out.") % {"value": capacity.get("pocet")})
                elif unit in units:
                    problem(_("Capacity in %(unit)s listed twice for form %(form)s; the first one is used.")
                            % {"unit": unit, "form": form})
                else:
                    units.add(unit)
                    capacities.append([form, unit, maximum, _text(capacity.get("popis"))])
        return forms, capacities

    def facilities(self, entries, forms: str, fallback_obec, problem) -> list:
        facilities, seen = [], set()
        for entry in _list(entries):
            if not isinstance(entry, dict):
                continue
            address = entry.get("adresa") if isinstance(entry.get("adresa"), dict) else None
            hidden = bool(entry.get("utajenaAdresa"))
            obec, raw_obec = self.obec(address, problem) if address else (None, "")
            if obec is None and not raw_obec and fallback_obec:
                obec = fallback_obec  # no obec at all: the contact address's (never instead of an unknown one)
            ruian = _int(address.get("kodAdresnihoMista")) if address else None
            valid_from = self.date(entry.get("poskytujeOd"), "poskytujeOd", problem)
            valid_to = self.date(entry.get("poskytujeDo"), "poskytujeDo", problem)
            name = _text(entry.get("nazev"))
            key = (name, ruian, valid_from, valid_to)
            if key in seen:  # the registry repeats facilities; counting them twice would be wrong
                continue
            seen.add(key)
            facilities.append([
                name, "" if hidden or not address else self.address(address),
                "" if hidden or not address else _postcode(address.get("psc")),
                obec, None if hidden else ruian, hidden, forms,
                valid_from and valid_from.isoformat(), valid_to and valid_to.isoformat(),
                *([raw_obec[:40]] if raw_obec else [])])  # only when present: other fingerprints stay as they were
        return facilities


def identifier_of(item) -> str:
    """The service identifier of an item ("" when the item is not an object or has none)."""
    return _text(item.get("identifikator")) if isinstance(item, dict) else ""


def fingerprint(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def batches(items, size: int):
    """Lists of `size` consecutive items (the last one shorter)."""
    batch = []
    for entry in items:
        batch.append(entry)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
