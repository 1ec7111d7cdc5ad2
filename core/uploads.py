"""Uploaded documents and photos: the size limit, the file type told by content, and photo processing.

A file's type is what its bytes say, never its name or the browser's Content-Type: a PDF starts with
`%PDF-`, an Office Open XML file is a zip with `[Content_Types].xml` and a `word/`, `xl/` or `ppt/`
folder, an OpenDocument file is a zip whose `mimetype` entry names it, an image is what Pillow can
decode and verify. Anything else (HTML, SVG, executables, macro-enabled Office files) is refused, so the
download view can trust `Document.file_type` for the Content-Type it sends.

Photos are re-drawn from their pixels only, after turning them upright: EXIF (with the GPS position
of the camera), XMP and comments do not survive. A thumbnail of at most 400 px is made at the same time.

Sizes: files over settings.MAX_UPLOAD_BYTES are not even stored in a temporary file. `size_limited_upload`
puts SizeLimitHandler in front of Django's upload handlers, which then discards the rest of the file
and hands the form an empty stand-in that knows the real size, so the form says how large the file was.
"""

import dataclasses
import hashlib
import io
import zipfile
from functools import wraps
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from PIL import Image, ImageOps, UnidentifiedImageError

from core import resubmit

THUMBNAIL_PX = 400
MAX_PHOTO_PX = 2560  # longer side of a stored photo: enough for a screen, a tenth of a phone camera's bytes
MAX_PIXELS = 50_000_000  # refuse "decompression bombs" long before Pillow's own limit
HEAD_BYTES = 2048


@dataclasses.dataclass(frozen=True)
class FileType:
    code: str  # stored in Document.file_type (max. 10 characters)
    extension: str
    content_type: str
    label: str


OOXML = "application/vnd.openxmlformats-officedocument"
FILE_TYPES = {file_type.code: file_type for file_type in [
    FileType("pdf", "pdf", "application/pdf", "PDF"),
    FileType("docx", "docx", f"{OOXML}.wordprocessingml.document", "DOCX"),
    FileType("xlsx", "xlsx", f"{OOXML}.spreadsheetml.sheet", "XLSX"),
    FileType("pptx", "pptx", f"{OOXML}.presentationml.presentation", "PPTX"),
    FileType("odt", "odt", "application/vnd.oasis.opendocument.text", "ODT"),
    FileType("ods", "ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"),
    FileType("odp", "odp", "application/vnd.oasis.opendocument.presentation", "ODP"),
    FileType("png", "png", "image/png", "PNG"),
    FileType("jpeg", "jpg", "image/jpeg", "JPEG"),
    FileType("webp", "webp", "image/webp", "WebP"),
]}
IMAGE_TYPES = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}  # Pillow format → FileType code
OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF_MIMETYPES = {FILE_TYPES[code].content_type: code for code in ("odt", "ods", "odp")}
# What a name ending suggests, to say "named .pdf, but it is not a PDF" when the content disagrees.
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "odt": "odt", "ods": "ods",
              "odp": "odp", "png": "png", "jpg": "jpeg", "jpeg": "jpeg", "webp": "webp"}


def allowed_types_label() -> str:
    return ", ".join(file_type.label for file_type in FILE_TYPES.values())


# --- Size ------------------------------------------------------------------------------------------------


class OversizedFile(UploadedFile):
    """What the form gets instead of a file over the limit: no content, but the size that was sent."""

    def __init__(self, name: str, size: int, content_type: str | None):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)


class SizeLimitHandler(FileUploadHandler):
    """Passes chunks on to Django's handlers until a file passes `limit` bytes, then drops the rest of it."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = settings.MAX_UPLOAD_BYTES if limit is None else limit
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            return None  # the handlers after this one never see the rest
        return raw_data

    def file_complete(self, file_size):
        if self.received > self.limit:
            return OversizedFile(self.file_name, self.received, self.content_type)
        return None  # under the limit: the next handler (memory or temporary file) completes it


def size_limited_upload(view):
    """Decorate a view that receives files: the size limit applies while the body is read.

    Upload handlers must be set before anything reads request.POST, and the CSRF middleware reads it, so
    the check moves inside (Django's documented pattern: csrf_exempt outside, csrf_protect inside).
    """
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            request.upload_handlers.insert(0, SizeLimitHandler(request))
            try:
                request.POST  # noqa: B018 (parse the body now, under the limit)
            except RequestDataTooBig:
                # The text fields alone pass DATA_UPLOAD_MAX_MEMORY_SIZE: nothing was accepted, say why.
                messages.error(request, _("The form sent too much text at once (more than %(limit)s); "
                                          "nothing was saved.") % {
                    "limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)})
                return redirect(request.get_full_path())
            return resubmit.once(request, lambda: protected(request, *args, **kwargs))  # a double submit
        return protected(request, *args, **kwargs)

    return wrapper


def check_size(file) -> None:
    if file.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file has %(size)s; the largest file you can upload has %(limit)s."),
            code="too_large", params={"size": filesizeformat(file.size),
                                      "limit": filesizeformat(settings.MAX_UPLOAD_BYTES)})


# --- Type by content ---------------------------------------------------------------------------------------


def detect_type(file) -> FileType | None:
    """The allowed type the file's content is, or None. Reads the file from the start; leaves it rewound."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return FILE_TYPES["pdf"]
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(file)
        return _image_type(file)
    finally:
        file.seek(0)


def _zip_type(file) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).decode("ascii", "replace").strip()
                code = ODF_MIMETYPES.get(mimetype)
                return FILE_TYPES[code] if code else None
            if "[Content_Types].xml" not in names:
                return None
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macros: a .docm renamed .docx
            for folder, code in OOXML_FOLDERS.items():
                if any(name.startswith(folder) for name in names):
                    return FILE_TYPES[code]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    return None


def _image_type(file) -> FileType | None:
    try:
        with Image.open(file) as image:
            code = IMAGE_TYPES.get(image.format)
            if code is None or image.width * image.height > MAX_PIXELS:
                return None
            image.verify()
        return FILE_TYPES[code]
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None


def validate_document(file) -> FileType:
    """The file's type, or ValidationError with a message that names the problem."""
    check_size(file)
    file_type = detect_type(file)
    if file_type is not None:
        return file_type
    suffix = PurePath(file.name or "").suffix.lower().lstrip(".")
    claimed = EXTENSIONS.get(suffix)
    if claimed:
        raise ValidationError(
            _("The file is named .%(extension)s, but its content is not %(type)s. Save it again as %(type)s "
              "or upload it in another allowed format."),
            code="disguised", params={"extension": suffix, "type": FILE_TYPES[claimed].label})
    raise ValidationError(
        _("This kind of file cannot be uploaded. Allowed formats: %(types)s."),
        code="type", params={"types": allowed_types_label()})


def validate_image(file) -> FileType:
    check_size(file)
    file_type = detect_type(file)
    if file_type is None or not file_type.content_type.startswith("image/"):
        raise ValidationError(_("Upload a photo in PNG, JPEG or WebP format."), code="type")
    return file_type


def stored_name(original: str, file_type: FileType, *, suffix: str = "", fallback: str = "soubor") -> str:
    """An ASCII file name whose extension follows the content (a PNG sent as x.docx is stored as x.png)."""
    stem = slugify(PurePath(original or "").stem)[:60] or fallback
    return f"{stem}{suffix}.{file_type.extension}"


def content_hash(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


# --- Images -----------------------------------------------------------------------------------------------


@dataclasses.dataclass
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile


def _pixels_only(image: Image.Image) -> Image.Image:
    """The image turned upright, as a new image made from its pixels: no EXIF, GPS, XMP or comments."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encode(image: Image.Image, file_type: FileType, icc_profile: bytes | None) -> bytes:
    buffer = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if file_type.code == "jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=85, optimize=True, **options)
    elif file_type.code == "webp":
        image.save(buffer, "WEBP", quality=85, **options)
    else:
        image.save(buffer, "PNG", optimize=True, **options)
    return buffer.getvalue()


def clean_image(file, *, max_px: int | None = MAX_PHOTO_PX) -> tuple[Image.Image, bytes | None]:
    """The image without metadata (and at most `max_px` on its longer side), with its colour profile."""
    file.seek(0)
    with Image.open(file) as original:
        original.load()
        icc_profile = original.info.get("icc_profile")
        image = _pixels_only(original)
    if max_px:
        image.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
    return image, icc_profile


def strip_metadata(file, file_type: FileType, name: str) -> ContentFile:
    """An image document without its metadata (same pixels, same format)."""
    image, icc_profile = clean_image(file, max_px=None)
    return ContentFile(_encode(image, file_type, icc_profile), name=name)


def process_photo(file, file_type: FileType) -> ProcessedImage:
    """Upright, metadata-free photo (longer side at most MAX_PHOTO_PX) and its thumbnail."""
    image, icc_profile = clean_image(file)
    thumbnail = image.copy()
    thumbnail.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX), Image.Resampling.LANCZOS)
    return ProcessedImage(
        image=ContentFile(_encode(image, file_type, icc_profile),
                          name=stored_name(file.name, file_type, fallback="foto")),
        thumbnail=ContentFile(_encode(thumbnail, file_type, icc_profile),
                              name=stored_name(file.name, file_type, suffix="-nahled", fallback="foto")),
    )


def content_type_of(name: str) -> str | None:
    """The Content-Type of a stored photo, from the extension this module gave it."""
    code = EXTENSIONS.get(PurePath(name).suffix.lower().lstrip("."))
    return FILE_TYPES[code].content_type if code and code in IMAGE_TYPES.values() else None
