"""HTML to a tagged PDF (PDF/UA) with WeasyPrint, fetching nothing.

WeasyPrint is imported on first use: it loads Pango through ctypes, and
were that missing only the PDF downloads should fail, not every page. Its
import also switches Pillow to accept truncated images, process-wide;
lib/uploads.py refuses those, so the switch is turned back at once.
"""

from PIL import ImageFile


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    # Everything is inline: fetching nothing keeps the server from being
    # made to open files or addresses through the document.
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(pdf_variant="pdf/ua-1")
