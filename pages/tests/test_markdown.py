"""Page texts are Markdown; nothing a text contains runs in a reader's browser."""

from pages.markdown import render


def test_raw_html_is_shown_as_text():
    html = render("Hallo <script>alert(1)</script> <b onclick=x>fett</b>")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b " not in html


def test_a_javascript_link_does_not_become_a_link():
    html = render(
        "[x](javascript:alert(1)) [y](JavaScript:alert(1)) <javascript:alert(1)>"
    )
    assert "<a" not in html
    assert "href" not in html


def test_only_web_mail_phone_and_relative_links_are_links():
    html = render(
        "[w](https://example.org) [m](mailto:a@example.org) [t](tel:+493733123) "
        "[r](/p/erz/de/page/faq/) [d](data:text/html,x) [f](ftp://example.org) "
        "[v](vbscript:x) [s](ssh:host)"
    )
    assert html.count("<a ") == 4
    for href in ("https://example.org", "mailto:a@example.org", "tel:+493733123"):
        assert f'href="{href}"' in html
    assert 'href="/p/erz/de/page/faq/"' in html


def test_images_are_not_loaded_from_other_servers():
    assert "<img" not in render("![Foto](https://tracker.example/pixel.png)")


def test_headings_start_below_the_page_title():
    html = render("# Eins\n\n## Zwei\n\n###### Sechs")
    assert "<h2>Eins</h2>" in html
    assert "<h3>Zwei</h3>" in html
    assert "<h6>Sechs</h6>" in html
    assert "<h1" not in html


def test_tables_and_line_breaks():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nZeile eins\nZeile zwei")
    assert "<table>" in html
    assert "Zeile eins<br>" in html
