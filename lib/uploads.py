"""Attachments from the public: checked by content, stripped of metadata.

A photo from a phone tells where it was taken and with which device; a PDF
names its author and may run scripts. Every file is therefore decoded and
written anew: what we keep is the picture or the pages, nothing else. The
type comes from the content alone, so a PDF named ``foto.jpg`` is a PDF and
a zip file named ``photo.jpg`` is refused.
"""

import math
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from PIL import Image, ImageOps
from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class CleanFile:
    name: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class Kind:
    pillow_format: str
    extension: str
    content_type: str


JPEG = Kind("JPEG", ".jpg", "image/jpeg")
PNG = Kind("PNG", ".png", "image/png")
WEBP = Kind("WEBP", ".webp", "image/webp")
PDF = Kind("PDF", ".pdf", "application/pdf")
# Pillow tries only these parsers on our input, not its dozens of others.
PILLOW_FORMATS = ["JPEG", "PNG", "WEBP"]
# Phones write several pictures into one JPEG (MPO); we keep the first.
IMAGE_KINDS = {"JPEG": JPEG, "MPO": JPEG, "PNG": PNG, "WEBP": WEBP}

# 50 MP still takes the 48 and 50 MP photos of current phones; decoded it
# needs about 200 MB, which a worker can afford once.
MAX_PIXELS = 50_000_000
MAX_SIDE = 4000
JPEG_QUALITY = 88
MAX_PAGES = 100
MAX_NAME = 100
MEGABYTE = 1024 * 1024

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"

EMPTY = _("“%(name)s” is empty. Choose the file again.")
TOO_LARGE = _(
    "“%(name)s” is larger than %(limit)s MB. Send a smaller file, for example "
    "a photo in a lower resolution."
)
WRONG_TYPE = _(
    "“%(name)s” cannot be attached. You can attach photos (JPEG, PNG, WebP) "
    "and PDF documents."
)
DAMAGED = _(
    "“%(name)s” is damaged and cannot be opened. Save it again or take a new "
    "photo. You can attach photos (JPEG, PNG, WebP) and PDF documents."
)
TOO_MANY_PIXELS = _(
    "“%(name)s” has more than %(limit)s megapixels. Send the photo in a lower "
    "resolution."
)
ENCRYPTED = _(
    "“%(name)s” is protected by a password. Remove the password, for example "
    "by printing the document to a new PDF, and attach it again."
)
TOO_MANY_PAGES = _(
    "“%(name)s” has more than %(limit)s pages. Send only the pages that matter."
)
TOO_MANY_FILES = ngettext_lazy(
    "You can attach at most %(limit)d file. You chose %(count)d.",
    "You can attach at most %(limit)d files. You chose %(count)d.",
    "limit",
)


def clean_upload(upload: UploadedFile) -> CleanFile:
    """The upload re-encoded without metadata; ValidationError if we refuse it."""
    stem, suffix = _split_name(upload.name or "")
    shown = (stem + suffix)[:MAX_NAME] or "attachment"
    data = _read(upload, shown)
    if _looks_like_pdf(data):
        return CleanFile(
            stem_name(stem, PDF), _clean_pdf(data, shown), PDF.content_type
        )
    image, kind = _open_image(data, shown)
    content = _reencode(image, kind, shown)
    return CleanFile(stem_name(stem, kind), content, kind.content_type)


def clean_uploads(uploads: Sequence[UploadedFile]) -> list[CleanFile]:
    """All uploads cleaned, or one ValidationError listing every problem."""
    limit = settings.PORTAL_MAX_FILES
    if len(uploads) > limit:
        raise ValidationError(
            TOO_MANY_FILES,
            code="too_many_files",
            params={"limit": limit, "count": len(uploads)},
        )
    cleaned = []
    errors: list[ValidationError] = []
    for upload in uploads:
        try:
            cleaned.append(clean_upload(upload))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _error(message: "StrOrPromise", code: str, name: str, **params) -> ValidationError:
    # The isolates keep a Latin file name in one piece on Arabic and Persian
    # pages, as <bdi> would in HTML.
    return ValidationError(
        message, code=code, params={"name": f"\u2068{name}\u2069", **params}
    )


def _megabytes(size: int) -> str:
    value = size / MEGABYTE
    return number_format(value, decimal_pos=0 if value.is_integer() else 1)


def _read(upload: UploadedFile, shown: str) -> bytes:
    # Read one byte more than allowed: enough to know it is too large.
    limit = settings.PORTAL_MAX_FILE_BYTES
    upload.seek(0)
    data = upload.read(limit + 1)
    if not data:
        raise _error(EMPTY, "empty", shown)
    if len(data) > limit:
        raise _error(TOO_LARGE, "too_large", shown, limit=_megabytes(limit))
    return data


# --- names --------------------------------------------------------------

# Characters that Windows or a shell would read as syntax.
UNSAFE_IN_NAMES = set('<>:"/\\|?*')
# Joiners are part of Persian and Indic words; the other format characters
# (bidi overrides above all) can disguise a name.
KEPT_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def _name_character(char: str) -> str:
    if char in UNSAFE_IN_NAMES:
        return "_"
    if char in KEPT_FORMAT_CHARACTERS:
        return char
    category = unicodedata.category(char)
    if category.startswith("C"):
        return ""
    if category.startswith("Z"):
        return " "
    return char


def _split_name(original: str) -> tuple[str, str]:
    """Stem and extension of the base name, each free of unsafe characters."""
    base = unicodedata.normalize("NFC", original.replace("\\", "/")).rsplit("/", 1)[-1]
    base = " ".join("".join(map(_name_character, base)).split())
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    return stem.strip(". ")[:MAX_NAME], f".{suffix}" if suffix else ""


def stem_name(stem: str, kind: Kind) -> str:
    stem = stem[: MAX_NAME - len(kind.extension)].rstrip(". ") or "attachment"
    return stem + kind.extension


def safe_name(original: str, kind: Kind) -> str:
    """A file name safe to store and show, with the extension of its content."""
    return stem_name(_split_name(original)[0], kind)


# --- images -------------------------------------------------------------


def _open_image(data: bytes, shown: str) -> tuple[Image.Image, Kind]:
    with warnings.catch_warnings():
        # Pillow only warns below twice its own limit; we refuse both.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data), formats=PILLOW_FORMATS)
        except Image.UnidentifiedImageError:
            raise _error(WRONG_TYPE, "wrong_type", shown) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(shown) from None
        except Exception:  # a parser of hostile input may raise anything
            raise _error(DAMAGED, "damaged", shown) from None
    kind = IMAGE_KINDS.get(image.format or "")
    if kind is None:
        raise _error(WRONG_TYPE, "wrong_type", shown)
    if image.width * image.height > MAX_PIXELS:
        raise _too_many_pixels(shown)
    return image, kind


def _too_many_pixels(shown: str) -> ValidationError:
    return _error(
        TOO_MANY_PIXELS, "too_many_pixels", shown, limit=MAX_PIXELS // 1_000_000
    )


def _reencode(image: Image.Image, kind: Kind, shown: str) -> bytes:
    try:
        return _encode(_upright_and_small(image), kind)
    except Exception:  # truncated or corrupt data shows only when decoding
        raise _error(DAMAGED, "damaged", shown) from None


def _upright_and_small(image: Image.Image) -> Image.Image:
    scale = MAX_SIDE / max(image.size)
    if scale < 1:
        # A JPEG can be decoded at 1/2, 1/4 or 1/8 of its size: less memory.
        image.draft(
            None, (math.ceil(image.width * scale), math.ceil(image.height * scale))
        )
    image.load()
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image


def _encode(image: Image.Image, kind: Kind) -> bytes:
    if kind is JPEG and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")  # CMYK and the rare others
    options: dict[str, object] = {}
    if kind is JPEG:
        options = {"quality": JPEG_QUALITY, "optimize": True}
    elif kind is WEBP:
        options = {"quality": JPEG_QUALITY}
    elif "transparency" in image.info:
        options = {"transparency": image.info["transparency"]}
    # Pillow copies comments and colour profiles from `info` when saving;
    # nothing of the original (EXIF, GPS, XMP, text chunks) may travel.
    image.info = {}
    out = BytesIO()
    image.save(out, kind.pillow_format, **options)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------

# Dropped wherever they occur in the copied pages: actions that run when a
# page or field is touched, JavaScript source, XMP metadata of pages and
# images, and the private data of the program that wrote the file.
PDF_DROPPED_KEYS = ["/AA", "/JS", "/Metadata", "/PieceInfo"]
UNSAFE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE"}
UNSAFE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"}


def _looks_like_pdf(data: bytes) -> bool:
    return data[:16].lstrip(b"\x00\t\n\x0c\r ").startswith(b"%PDF-")


def _clean_pdf(data: bytes, shown: str) -> bytes:
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        locked = reader.is_encrypted and not _opens_without_password(reader)
        pages = 0 if locked else len(reader.pages)
    except Exception:  # a parser of hostile input may raise anything
        raise _error(DAMAGED, "damaged", shown) from None
    if locked:
        raise _error(ENCRYPTED, "encrypted", shown)
    if not pages:
        raise _error(DAMAGED, "damaged", shown)
    if pages > MAX_PAGES:
        raise _error(TOO_MANY_PAGES, "too_many_pages", shown, limit=MAX_PAGES)
    try:
        return _rewrite_pdf(reader)
    except Exception:
        raise _error(DAMAGED, "damaged", shown) from None


def _opens_without_password(reader: PdfReader) -> bool:
    # Many official letters are "encrypted" only to forbid editing; they
    # open without a password, so the person has none to remove.
    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # AES needs a library we do not install
        return False


def _rewrite_pdf(reader: PdfReader) -> bytes:
    # Only the pages travel: the catalogue with its document JavaScript,
    # OpenAction, embedded files, forms and XMP stays behind.
    writer = PdfWriter()
    for page in reader.pages:
        _drop_unsafe_annotations(page)
        writer.add_page(page, excluded_keys=PDF_DROPPED_KEYS)
    for page in writer.pages:
        _strip_jpeg_images(page.get("/Resources"), set())
    writer.metadata = None  # no /Info at all, not even pypdf's Producer
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _drop_unsafe_annotations(page: DictionaryObject) -> None:
    # Filtered in the source, so that nothing unsafe is even copied.
    annotations = page.get("/Annots")
    if annotations is None:
        return
    annotations = annotations.get_object()
    if not isinstance(annotations, ArrayObject):
        del page["/Annots"]
        return
    kept = [a for a in annotations if _is_safe_annotation(a.get_object())]
    page[NameObject("/Annots")] = ArrayObject(kept)


def _is_safe_annotation(annotation: object) -> bool:
    if not isinstance(annotation, DictionaryObject):
        return False
    if annotation.get("/Subtype") in UNSAFE_ANNOTATIONS:
        return False
    action = annotation.get("/A")
    action = action.get_object() if action is not None else None
    return not (
        isinstance(action, DictionaryObject) and action.get("/S") in UNSAFE_ACTIONS
    )


def _strip_jpeg_images(resources: object, seen: set[int]) -> None:
    """Remove EXIF (GPS!) from the JPEG pictures of a scan or photo PDF."""
    resources = resources.get_object() if hasattr(resources, "get_object") else None
    if not isinstance(resources, DictionaryObject):
        return
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not isinstance(xobjects, DictionaryObject):
        return
    for reference in xobjects.values():
        xobject = reference.get_object()
        if not isinstance(xobject, StreamObject) or id(xobject) in seen:
            continue
        seen.add(id(xobject))
        if xobject.get("/Subtype") == "/Form":
            _strip_jpeg_images(xobject.get("/Resources"), seen)
        elif xobject.get("/Filter") in ("/DCTDecode", ["/DCTDecode"]):
            # The raw bytes are the JPEG file. The base class stores them
            # as they are; EncodedStreamObject.set_data takes only Flate.
            StreamObject.set_data(xobject, strip_jpeg_metadata(xobject._data))


# Segments a JPEG needs to look right: JFIF, the colour profile, Adobe's
# colour transform. The other application segments and comments only
# describe the picture: EXIF with GPS, XMP, IPTC, maker notes, thumbnails.
KEPT_JPEG_SEGMENTS = {0xE0, 0xEE}
SOS = 0xDA


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG without metadata segments; unchanged if it cannot be parsed."""
    if not data.startswith(b"\xff\xd8"):
        return data
    kept = [data[:2]]
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == SOS:  # the picture data follows: no metadata after it
            kept.append(data[position:])
            return b"".join(kept)
        end = position + 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        segment = data[position:end]
        if _is_kept_segment(marker, segment):
            kept.append(segment)
        position = end
    return data


def _is_kept_segment(marker: int, segment: bytes) -> bool:
    if marker == 0xE2:
        return segment[4:16] == b"ICC_PROFILE\x00"
    is_metadata = 0xE0 <= marker <= 0xEF or marker == 0xFE
    return not is_metadata or marker in KEPT_JPEG_SEGMENTS


# --- form field -----------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _limits_help() -> str:
    count = settings.PORTAL_MAX_FILES
    return ngettext(
        "Up to %(count)d file of at most %(size)s MB: "
        "photos (JPEG, PNG, WebP) or PDF documents.",
        "Up to %(count)d files of at most %(size)s MB each: "
        "photos (JPEG, PNG, WebP) or PDF documents.",
        count,
    ) % {"count": count, "size": _megabytes(settings.PORTAL_MAX_FILE_BYTES)}


class AttachmentsField(forms.FileField):
    """Several files in one input; cleans to a list of CleanFile."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        # Lazy: the limits and the language are those of the request.
        kwargs.setdefault("help_text", lazy(_limits_help, str)())
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list[CleanFile]:
        if isinstance(data, UploadedFile):
            data = [data]
        uploads = [upload for upload in data or [] if upload]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        return clean_uploads(uploads)
