"""Ingest: every reader on realistic inputs, and every bad input reported, not fatal."""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest

from dateline.ingest import (
    Article, InputError, Skipped, article_from_html, article_from_record, article_from_text,
    parse_line, read_file, read_paths, read_stdin,
)
from dateline.ingest import boilerplate, build, dates, language
from dateline.ingest.text import decode

# as in conftest.py; not imported from it, so this works whether or not tests/ is a package
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed_article.txt"
VOA = SHARED / "data" / "voa" / "voa_dev.jsonl"

NEWS = (
    "Negotiators from both countries met in Geneva on Tuesday for the first time in six "
    "months, officials said, after a ceasefire that has held since the start of the year.\n"
    "The talks are expected to last three days and will focus on the exchange of prisoners "
    "and the return of displaced families to their homes, according to a statement.\n"
    '"We are ready to work for a lasting agreement," the chief negotiator told reporters.\n'
)

# Hand-written news paragraphs; language.py's threshold was calibrated on these.
FOREIGN = {
    "fr": "Le ministre des Affaires étrangères a rencontré lundi son homologue allemand à Paris "
          "pour discuter de la guerre en Ukraine. Les deux pays ont annoncé une nouvelle aide "
          "militaire et promis de renforcer les sanctions contre la Russie, selon un communiqué "
          "publié après la réunion. Des manifestants se sont rassemblés devant le ministère.",
    "de": "Der Außenminister traf sich am Montag in Berlin mit seinem französischen Amtskollegen, "
          "um über den Krieg in der Ukraine zu sprechen. Beide Länder kündigten neue Militärhilfe "
          "an und versprachen, die Sanktionen gegen Russland zu verschärfen, wie es in einer "
          "Erklärung nach dem Treffen hieß. Vor dem Ministerium versammelten sich Demonstranten.",
    "es": "El ministro de Asuntos Exteriores se reunió el lunes en Madrid con su homólogo alemán "
          "para hablar de la guerra en Ucrania. Ambos países anunciaron nueva ayuda militar y "
          "prometieron endurecer las sanciones contra Rusia, según un comunicado publicado tras "
          "la reunión. Decenas de manifestantes se concentraron frente al ministerio.",
    "it": "Il ministro degli Esteri ha incontrato lunedì a Roma il suo omologo tedesco per "
          "discutere della guerra in Ucraina. I due paesi hanno annunciato nuovi aiuti militari e "
          "hanno promesso di inasprire le sanzioni contro la Russia, secondo un comunicato diffuso "
          "dopo l'incontro. Alcuni manifestanti si sono radunati davanti al ministero.",
    "pt": "O ministro das Relações Exteriores se reuniu na segunda-feira em Lisboa com o seu "
          "homólogo alemão para discutir a guerra na Ucrânia. Os dois países anunciaram nova ajuda "
          "militar e prometeram endurecer as sanções contra a Rússia, segundo um comunicado "
          "divulgado após a reunião. Manifestantes se reuniram em frente ao ministério.",
    "nl": "De minister van Buitenlandse Zaken heeft maandag in Den Haag zijn Duitse ambtgenoot "
          "ontmoet om over de oorlog in Oekraïne te praten. Beide landen kondigden nieuwe "
          "militaire steun aan en beloofden de sancties tegen Rusland te verscherpen, zo staat in "
          "een verklaring die na de ontmoeting werd gepubliceerd.",
    "pl": "Minister spraw zagranicznych spotkał się w poniedziałek w Warszawie ze swoim "
          "niemieckim odpowiednikiem, aby rozmawiać o wojnie na Ukrainie. Oba kraje zapowiedziały "
          "nową pomoc wojskową i obiecały zaostrzyć sankcje wobec Rosji, jak podano w komunikacie "
          "opublikowanym po spotkaniu. Przed ministerstwem zebrali się demonstranci.",
    "sv": "Utrikesministern träffade på måndagen sin tyska kollega i Stockholm för att "
          "diskutera kriget i Ukraina. Båda länderna meddelade nytt militärt stöd och lovade att "
          "skärpa sanktionerna mot Ryssland, enligt ett uttalande som publicerades efter mötet.",
    "da": "Udenrigsministeren mødtes mandag med sin tyske kollega i København for at drøfte "
          "krigen i Ukraine. Begge lande annoncerede ny militær støtte og lovede at skærpe "
          "sanktionerne mod Rusland, ifølge en erklæring der blev offentliggjort efter mødet.",
    "id": "Menteri Luar Negeri bertemu dengan mitranya dari Jerman di Jakarta pada hari Senin "
          "untuk membahas perang di Ukraina. Kedua negara mengumumkan bantuan militer baru dan "
          "berjanji untuk memperketat sanksi terhadap Rusia, menurut pernyataan yang dirilis.",
    "tr": "Dışişleri Bakanı pazartesi günü Ankara'da Alman mevkidaşıyla bir araya gelerek "
          "Ukrayna'daki savaşı görüştü. İki ülke yeni askeri yardım açıkladı ve toplantının "
          "ardından yayımlanan açıklamaya göre Rusya'ya yönelik yaptırımları sıkılaştırma sözü verdi.",
    "ro": "Ministrul de externe s-a întâlnit luni la București cu omologul său german pentru a "
          "discuta despre războiul din Ucraina. Cele două țări au anunțat un nou ajutor militar "
          "și au promis să înăsprească sancțiunile împotriva Rusiei, potrivit unui comunicat.",
    "vi": "Bộ trưởng Ngoại giao đã gặp người đồng cấp Đức tại Hà Nội vào thứ Hai để thảo luận về "
          "cuộc chiến ở Ukraine. Hai nước đã công bố viện trợ quân sự mới và cam kết thắt chặt "
          "các biện pháp trừng phạt đối với Nga.",
    "ar": "التقى وزير الخارجية يوم الاثنين في القاهرة بنظيره الألماني لبحث الحرب في أوكرانيا. "
          "وأعلن البلدان عن مساعدات عسكرية جديدة وتعهدا بتشديد العقوبات على روسيا.",
    "zh": "外交部长周一在北京会见了德国外长，双方讨论了乌克兰战争问题。两国宣布了新的军事援助。",
    "ru": "Министр иностранных дел в понедельник встретился в Москве со своим немецким коллегой, "
          "чтобы обсудить войну на Украине. Обе страны объявили о новой военной помощи.",
}

PUBLISHED_META = '<meta property="article:published_time" content="2025-01-28T09:30:00Z">'
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Talks resume in Geneva | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-01-28T09:30:00Z">
<link rel="canonical" href="https://www.example.com/world/talks-resume-geneva">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<article>
<h1>Talks resume in Geneva</h1>
<p class="byline">By Jane Doe</p>
<p>Negotiators from both countries met in Geneva on Tuesday for the first time in six months,
officials said, after a ceasefire that has held since the start of the year.</p>
<p>The talks are expected to last three days and will focus on the exchange of prisoners and
the return of displaced families to their homes, according to a statement from the ministry.</p>
<p>"We are ready to work for a lasting agreement," the chief negotiator told reporters outside
the venue, adding that both sides had made concessions.</p>
<p>ALSO READ: Ceasefire holds for a third week</p>
</article>
<footer><p>© 2025 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""

NAV_ONLY = ("<html><head><title>Home</title></head><body><nav><ul>"
            + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(30))
            + "</ul></nav><footer>© 2025 Example</footer></body></html>")

CP1252_TEXT = ("The café near the ministry was busy on Monday, and one naïve visitor asked about "
               "the talks. ") + NEWS
# Bytes undefined in cp1252 and meaningless in Latin-1: no encoding fits confidently.
NOT_UTF8 = NEWS.encode()[:60] + bytes([0x81, 0x9D, 0x8F, 0x90, 0x8D]) * 3 + NEWS.encode()[60:]


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


# --- plain text -----------------------------------------------------------------


def test_text_is_kept_exactly_and_keywords_of_the_pipeline_work():
    text = "  " + NEWS + "\r\n\tShare this article\r\n"
    a = article_from_text(text, origin="o", published="2025-01-28", id=7, title="T",
                          url="https://www.example.org/x", source=None)
    assert a.text == text
    assert (a.id, a.origin, a.meta.title, a.meta.source) == ("7", "o", "T", "example.org")
    assert (a.meta.published, a.meta.published_basis) == ("2025-01-28", "given")
    [b] = a.boilerplate
    assert (text[b.start:b.end], b.kind) == ("Share this article", "share")


@pytest.mark.parametrize("text, reason", [
    ("", "empty text"),
    (" \n\t \n", "text is only whitespace"),
])
def test_empty_text_is_refused(text, reason):
    with pytest.raises(InputError, match=reason):
        article_from_text(text)


def test_text_over_the_character_limit_is_refused():
    with pytest.raises(InputError,
                       match=r"text too large: 5,000,001 characters \(limit 5,000,000\)"):
        article_from_text("a" * (build.MAX_CHARS + 1))


def test_unreadable_given_date_is_an_error_not_silently_dropped():
    with pytest.raises(InputError, match="publication date not understood"):
        article_from_text(NEWS, published="last Tuesday")


@pytest.mark.parametrize("opening, expected", [
    ("WASHINGTON, Jan. 28, 2025 — ", "2025-01-28"),
    ("March 11, 2025 — ", "2025-03-11"),
    ("KYIV, Ukraine, March 11, 2025 (Reuters) - ", "2025-03-11"),
    ("Talks resume in Geneva\nGENEVA, 5 May 2024 – ", "2024-05-05"),
])
def test_dateline_at_the_start_gives_the_date(opening, expected):
    a = article_from_text(opening + NEWS)
    assert (a.meta.published, a.meta.published_basis) == (expected, "text")


@pytest.mark.parametrize("opening", [
    "",  # no dateline: unknown, never today
    "WASHINGTON — ",  # a dateline without a date
    "Jan. 6, 2021: ",  # a timeline entry, not a dateline
    "The talks on March 11, 2025 — which ",  # a date inside a sentence
    "GENEVA, Feb. 30, 2025 — ",  # no such day
])
def test_no_dateline_date_means_unknown(opening):
    a = article_from_text(opening + NEWS)
    assert (a.meta.published, a.meta.published_basis) == (None, "unknown")


def test_given_date_wins_over_the_dateline():
    a = article_from_text("WASHINGTON, Jan. 28, 2025 — " + NEWS, published="2025-02-01")
    assert (a.meta.published, a.meta.published_basis) == ("2025-02-01", "given")


@pytest.mark.parametrize("value, iso", [
    ("2019-11-25 23:43:03Z", "2019-11-25T23:43:03Z"),
    ("2025-01-28", "2025-01-28"),
    ("2025-01-28T10:00:00+02:00", "2025-01-28T10:00:00+02:00"),
    ("Tue, 28 Jan 2025 10:00:00 GMT", "2025-01-28T10:00:00Z"),
    ("Jan. 28, 2025", "2025-01-28"),
    ("yesterday", None),
    ("2025-13-01", None),
])
def test_dates_are_normalised_to_iso_8601(value, iso):
    assert dates.normalise(value) == iso


def test_url_dates():
    assert dates.from_url("https://www.cnn.com/2025/01/28/politics/talks.html") == "2025-01-28"
    assert dates.from_url("https://example.com/news/2024-05-05-talks") == "2024-05-05"
    assert dates.from_url("https://www.voanews.com/a/turkey-missiles/6180015.html") is None


# --- decoding files ------------------------------------------------------------


def test_cp1252_english_is_detected_and_decoded(tmp_path):
    """Decision: a legacy-encoded English file is read, not refused, when the
    detection is clean; the encoding used is recorded on the Article."""
    a = only(read_paths([write(tmp_path / "legacy.txt", CP1252_TEXT.encode("cp1252"))]))
    assert isinstance(a, Article)
    assert a.encoding == "cp1252"
    assert a.text == CP1252_TEXT
    assert "café" in a.text and "naïve" in a.text


def test_utf8_bom_is_dropped_and_utf16_is_read(tmp_path):
    a = only(read_paths([write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + NEWS.encode())]))
    assert a.text == NEWS and a.encoding == "utf-8"
    b = only(read_paths([write(tmp_path / "wide.txt", NEWS.encode("utf-16"))]))
    assert b.text == NEWS and b.encoding == "utf-16"


def test_invalid_utf8_without_a_confident_encoding_is_refused():
    with pytest.raises(InputError, match="not valid UTF-8 and no confident encoding detected"):
        decode(NOT_UTF8)


def test_cyrillic_legacy_file_is_decoded_then_refused_as_not_english(tmp_path):
    s = only(read_paths([write(tmp_path / "ru.txt", FOREIGN["ru"].encode("cp1251"))]))
    assert isinstance(s, Skipped)
    assert "not English" in s.reason and "decoded as cp1251" in s.reason


def test_huge_file_is_refused_by_stat_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(build, "open", no_open, raising=False)
    monkeypatch.setattr(build.gzip, "open", no_open)
    t0 = time.perf_counter()
    s = only(read_paths([big]))
    assert time.perf_counter() - t0 < 2
    assert s.reason == "file too large: 52,428,800 bytes (limit 10,000,000)"


# --- language ------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_non_english_is_refused(lang):
    with pytest.raises(InputError, match=r"^not English \("):
        article_from_text(FOREIGN[lang])


def test_english_wire_copy_dense_with_names_and_codes_passes():
    wire = ("BC-Kenya-Explosion, 5th Ld-Writethru. Eds: UPDATES with explosion near U.S. Embassy "
            "in Tanzania. AP Photos Planned. By CHEGE MBITIRU, Associated Press Writer.\n"
            "NAIROBI, Kenya (AP) _ Suspected bombs exploded outside the U.S. embassies in the "
            "Kenyan and Tanzanian capitals Friday, killing dozens of people, witnesses said. "
            "Brent crude rose 1.2% to $82.40 a barrel; U.S. West Texas Intermediate gained 1.1% "
            "to $78.10.\nAP-NY-08-07-98 0618EDT")
    assert article_from_text(wire).text == wire


def test_short_texts_get_the_benefit_of_the_doubt():
    assert article_from_text("Grenzen offen, sagt Minister").text  # under MIN_WORDS words


# One-line police and army reports: telegraphic, 20-30 words, few function words.
ENGLISH_BRIEFS = [
    "Two soldiers killed, three injured as militants attack army checkpost near Miranshah, North "
    "Waziristan; security forces launch search operation, ISPR says.",
    "Army troops repulse Taliban attack on Kandahar base overnight, killing 12 insurgents; two Afghan "
    "soldiers wounded, defence ministry spokesman says.",
    "Istanbul police detain 20 protesters outside Saraçhane municipal building after clashes Friday "
    "night; Erdoğan government bans rallies across city, governor's office confirms.",
    "Karachi police arrest four suspects linked to Saddar bank robbery; pistols, stolen cash, "
    "motorcycles recovered during raid Tuesday night, SSP South tells reporters.",
]
FOREIGN_BRIEFS = {
    "fr": "Deux soldats tués et trois blessés dans une attaque contre un poste de l'armée près de "
          "Miranshah, selon les services de sécurité.",
    "de": "Zwei Soldaten bei einem Angriff auf einen Armeeposten nahe Miranshah getötet, drei verletzt; "
          "die Sicherheitskräfte starten eine Suchaktion, teilte das Militär mit.",
    "es": "Dos soldados muertos y tres heridos en un ataque contra un puesto del ejército cerca de "
          "Miranshah, según las fuerzas de seguridad.",
    "tr": "Pazartesi günü Miranşah yakınlarında bir ordu karakoluna düzenlenen saldırıda iki asker hayatını kaybetti, "
          "üç asker yaralandı; güvenlik güçleri arama operasyonu başlattı.",
}


@pytest.mark.parametrize("brief", ENGLISH_BRIEFS)
def test_short_english_briefs_are_accepted(brief):
    assert len(brief.split()) >= language.MIN_WORDS
    assert article_from_text(brief).text == brief


@pytest.mark.parametrize("lang", sorted(FOREIGN_BRIEFS))
def test_short_foreign_briefs_are_still_refused(lang):
    assert len(FOREIGN_BRIEFS[lang].split()) >= language.MIN_WORDS
    with pytest.raises(InputError, match=r"^not English \("):
        article_from_text(FOREIGN_BRIEFS[lang])


@pytest.mark.skipif(not VOA.exists(), reason=f"VOA data not present at {VOA}")
def test_threshold_sits_between_voa_english_and_foreign_samples():
    """The calibration claimed in language.py still holds."""
    voa = [language.function_word_share(json.loads(line)["text"][:language.SAMPLE_CHARS])[0]
           for line in VOA.open(encoding="utf-8")]
    foreign = [language.function_word_share(t)[0] for t in FOREIGN.values()]
    assert max(foreign) < language.MIN_SHARE / 2 and min(voa) > language.MIN_SHARE * 2


# --- boilerplate ---------------------------------------------------------------


@pytest.mark.parametrize("line, kind", [
    ("ALSO READ: How Will Serbia Be Affected By The Resignation?", "related-links"),
    ("Read more: Ceasefire holds for a third week", "related-links"),
    ("Related: Talks in Geneva", "related-links"),
    ("RELATED STORIES", "related-links"),
    ("Recommended", "related-links"),
    ("Share this article", "share"),
    ("Share on Facebook", "share"),
    ("Follow us on Twitter", "share"),
    ("Follow Pam Key on Twitter @pamkeyNEN.", "share"),
    ("Subscribe to our daily newsletter", "subscribe"),
    ("Sign up for our newsletter", "subscribe"),
    ("(Photo: John Smith/Reuters)", "photo-credit"),
    ("Photo by Jane Doe/Getty Images", "photo-credit"),
    ("Getty Images", "photo-credit"),
    ("Scott Olson via Getty Images.", "photo-credit"),
    ("Protesters march in Kyiv on Monday. (AP Photo/Efrem Lukatsky)", "photo-credit"),
    ("Protesters march in Kyiv on Monday. REUTERS/Gleb Garanich", "photo-credit"),
    ("© 2025 Example News", "copyright"),
    ("Copyright 2025 The Associated Press. All rights reserved.", "copyright"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("- Read more: Talks in Geneva", "related-links"),  # a list bullet
])
def test_boilerplate_lines_are_marked(line, kind):
    text = NEWS + "  " + line + "\n" + NEWS
    [b] = boilerplate.mark(text)
    assert (text[b.start:b.end], b.kind) == (line, kind)


@pytest.mark.parametrize("line", [
    "Read the statement carefully, the minister told reporters on Monday.",
    "Residents read more about the plan in local papers, officials said.",
    "Related talks are planned for next month in Vienna.",
    "Shares of the company fell 5% after the announcement.",
    "Share prices recovered later in the day.",
    "Photos by the hundreds were posted online within hours.",
    "The photo by the agency showed the damage to the hospital.",
    "Copyright infringement claims rose sharply in 2024, the court said.",
    "Reuters reported that the talks had stalled.",
    "The company was bought by Getty Images.",
    "Advertisement spending fell by a third, the report said.",
    "Subscribers will pay more from March.",
])
def test_news_sentences_are_not_marked(line):
    assert boilerplate.mark(line + "\n" + NEWS) == []


def test_boilerplate_patterns_file_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="line 2"):
        boilerplate.load_patterns("# comment\nbanner\t.*\n")


def test_seed_article_keeps_its_text_and_marks_only_the_also_read_line(seed_text):
    a = only(read_paths([SEED]))
    assert a.text.encode("utf-8") == SEED.read_bytes()
    assert a.text == seed_text
    assert [(a.text[b.start:b.end], b.kind) for b in a.boilerplate] == [
        ("ALSO READ: How Will Serbia Be Affected By The Populist Prime Minister’s Resignation?",
         "related-links")]


# --- HTML ----------------------------------------------------------------------


def test_html_article_with_metadata_date_and_junk():
    a = article_from_html(PAGE, origin="page.html")
    assert a.text.startswith("Talks resume in Geneva\nNegotiators from both countries")
    for junk in ("Home", "Sport", "Privacy", "All rights reserved"):
        assert junk not in a.text
    assert a.meta.title == "Talks resume in Geneva"
    assert a.meta.url == "https://www.example.com/world/talks-resume-geneva"
    assert (a.meta.source, a.meta.author) == ("example.com", "Jane Doe")
    assert (a.meta.published, a.meta.published_basis) == ("2025-01-28", "html")
    assert [(a.text[b.start:b.end], b.kind) for b in a.boilerplate] == [
        ("ALSO READ: Ceasefire holds for a third week", "related-links")]
    assert article_from_html(PAGE, origin="page.html") == a  # deterministic


def test_html_date_falls_back_to_the_url_and_the_caller_wins():
    page = PAGE.replace(PUBLISHED_META, "")
    url = "https://news.example.net/2025/01/27/talks-resume"
    a = article_from_html(page, url=url)
    assert (a.meta.published, a.meta.published_basis) == ("2025-01-27", "url")
    assert (a.meta.url, a.meta.source) == (url, "news.example.net")
    b = article_from_html(PAGE, url=url, published="2025-02-02", title="Given")
    assert (b.meta.published, b.meta.published_basis) == ("2025-02-02", "given")
    assert b.meta.title == "Given"


def test_html_without_any_date_is_unknown():
    a = article_from_html(PAGE.replace(PUBLISHED_META, ""))
    assert (a.meta.published, a.meta.published_basis) == (None, "unknown")


@pytest.mark.parametrize("html", [NAV_ONLY, "<html><head><title>x</title></head><body></body>"])
def test_html_without_an_article_is_refused(html):
    with pytest.raises(InputError, match="no article text found in HTML"):
        article_from_html(html)


def test_broken_html_does_not_crash():
    broken = ("<html><body><div><p>Unclosed <b>bold <p>" + NEWS.replace("\n", " ")
              + "<table><tr><td>&&&<<<")
    a = article_from_html(broken)
    assert "Negotiators from both countries met in Geneva" in a.text


# --- JSON Lines / JSON ---------------------------------------------------------


def record(**kw):
    return json.dumps({"id": "a1", "text": NEWS, **kw}, ensure_ascii=False)


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JavaScript:alert(1)",
                                 " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "vbscript:msgbox", "//evil.example/x", "ftp://example.com/a", "http://"])
def test_only_http_urls_are_accepted(tmp_path, url):
    """A stored `javascript:` URL would become a clickable script link in the web UI:
    every reader refuses a record whose url is not http(s)."""
    s = parse_line(record(url=url), "x:1")
    assert isinstance(s, Skipped) and "url must be an http" in s.reason
    for kind, body in (("text", NEWS), ("html", PAGE)):
        with pytest.raises(InputError, match="url must be an http"):
            article_from_record({kind: body, "url": url}, "x")
    f = tmp_path / "in.jsonl"
    f.write_text(record(url=url) + "\n" + record(id="a2", url="https://example.com/ok") + "\n", "utf-8")
    got = list(read_paths([f]))
    assert isinstance(got[0], Skipped) and got[1].meta.url == "https://example.com/ok"


def test_a_pages_own_non_http_link_is_dropped_not_stored():
    page = PAGE.replace("https://www.example.com/world/talks-resume-geneva", "javascript:alert(1)")
    assert "javascript:" in page
    a = article_from_html(page)
    assert a.meta.url is None and "Negotiators" in a.text


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path):
    lines = [
        record(id="a1", url="https://www.voanews.com/a/x/1.html", published="2019-11-25 23:43:03Z"),
        "",  # blank: ignored
        '{"id": "a2", "text": "broken',
        "[1, 2]",
        json.dumps({"id": "a4", "title": "no body"}),
        record(id="a5", text="   "),
        record(id="a6", published="not a date"),
        record(id="a7", text=FOREIGN["fr"]),
        json.dumps({"id": "a8", "html": PAGE, "title": "Line title"}),
        record(id="a9"),
    ]
    bad_bytes = b'{"text": "\xff"}\n'
    path = write(tmp_path / "batch.jsonl", ("\n".join(lines) + "\n").encode() + bad_bytes)
    items = list(read_paths([path], published="2025-03-01"))
    got = [(i.origin.rsplit(":", 1)[1], type(i).__name__) for i in items]
    assert got == [("1", "Article"), ("3", "Skipped"), ("4", "Skipped"), ("5", "Skipped"),
                   ("6", "Skipped"), ("7", "Article"), ("8", "Skipped"), ("9", "Article"),
                   ("10", "Article"), ("11", "Skipped")]
    by_line = {i.origin.rsplit(":", 1)[1]: i for i in items}
    assert by_line["3"].reason == "not valid JSON: Unterminated string starting at column 22"
    assert by_line["4"].reason == "not a JSON object but a JSON list"
    assert by_line["5"].reason == 'no "text" or "html" field'
    assert by_line["6"].reason == "text is only whitespace"
    assert by_line["8"].reason.startswith("not English")
    assert by_line["11"].reason == "not valid UTF-8 (byte 10)"
    first = by_line["1"]
    assert (first.id, first.meta.source) == ("a1", "voanews.com")
    assert (first.meta.published, first.meta.published_basis) == ("2019-11-25T23:43:03Z", "given")
    # the line's own unreadable date is not replaced by the caller's
    assert (by_line["7"].meta.published, by_line["7"].meta.published_basis) == (None, "unknown")
    # the caller's date applies where the line has none
    assert (by_line["10"].meta.published, by_line["10"].meta.published_basis) == (
        "2025-03-01", "given")
    html = by_line["9"]
    assert html.meta.title == "Line title" and html.text.startswith("Talks resume in Geneva")
    assert (html.meta.published, html.meta.published_basis) == ("2025-03-01", "given")


def test_jsonl_html_line_uses_the_page_date_when_the_line_has_none():
    a = article_from_record({"html": PAGE, "id": 3}, "x:1")
    assert (a.id, a.meta.published, a.meta.published_basis) == ("3", "2025-01-28", "html")


def test_json_array_object_and_gzipped_jsonl(tmp_path):
    array = write(tmp_path / "a.json", json.dumps([json.loads(record(id="x")), 5]))
    single = write(tmp_path / "b.json", json.dumps(json.loads(record(id="y")), indent=2))
    per_line = write(tmp_path / "c.json", record(id="z1") + "\n" + record(id="z2") + "\n")
    gz = tmp_path / "d.jsonl.gz"
    gz.write_bytes(gzip.compress((record(id="g") + "\n").encode()))
    items = list(read_paths([array, single, per_line, gz]))
    assert [(i.origin, getattr(i, "id", None)) for i in items] == [
        (f"{array}[1]", "x"), (f"{array}[2]", None), (str(single), "y"),
        (f"{per_line}:1", "z1"), (f"{per_line}:2", "z2"), (f"{gz}:1", "g")]
    assert items[1].reason == "not a JSON object but a JSON int"


def test_broken_json_array_is_one_skipped(tmp_path):
    s = only(read_paths([write(tmp_path / "bad.json", "[" + record() + ",\n{")]))
    assert s.origin == str(tmp_path / "bad.json") and s.reason.startswith("not valid JSON")


@pytest.mark.skipif(not VOA.exists(), reason=f"VOA data not present at {VOA}")
def test_voa_file_reads_44_articles_with_metadata():
    items = list(read_paths([VOA]))
    assert len(items) == 44 and all(isinstance(i, Article) for i in items)
    for i, a in enumerate(items, 1):
        assert a.origin == f"{VOA}:{i}"
        assert a.id and a.meta.title and a.meta.url.startswith("https://www.voanews.com/")
        assert a.meta.source == "voanews.com" and a.meta.published_basis == "given"
        assert dates.normalise(a.meta.published) == a.meta.published
        assert a.meta.published[10] == "T" and a.meta.published.endswith("Z")


# --- paths, directories, stdin ---------------------------------------------------


def test_directory_of_good_and_bad_inputs(tmp_path):
    d = tmp_path / "in"
    write(d / "a_good.txt", "WASHINGTON, Jan. 28, 2025 — " + NEWS)
    write(d / "b_empty.txt", b"")
    write(d / "c_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    write(d / "d_bad_bytes.txt", NOT_UTF8)
    write(d / "e_legacy.txt", CP1252_TEXT.encode("cp1252"))
    write(d / "f_french.txt", FOREIGN["fr"])
    write(d / "g_nav.html", NAV_ONLY)
    write(d / "h_page.html", PAGE)
    write(d / "i_batch.jsonl", record(id="j1") + "\nnot json\n" + record(id="j3") + "\n")
    write(d / "notes.xyz", "ignored inside a directory")
    write(d / ".hidden.txt", NEWS)
    write(d / ".git" / "x.txt", NEWS)
    write(d / "sub" / "z.md", NEWS)
    with open(d / "sub" / "y_big.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)

    items = list(read_paths([d]))
    # the closest guess of charset-normalizer is its own business: compare up to it
    got = [(Path(i.origin).name, i.reason.split(" (closest")[0] if isinstance(i, Skipped) else "ok")
           for i in items]
    assert got == [
        ("a_good.txt", "ok"),
        ("b_empty.txt", "empty file"),
        ("c_binary.txt", "binary file (contains NUL bytes)"),
        ("d_bad_bytes.txt", "not valid UTF-8 and no confident encoding detected"),
        ("e_legacy.txt", "ok"),
        ("f_french.txt", "not English (0% of words are common English function words; "
                         "English text has at least 6%)"),
        ("g_nav.html", "no article text found in HTML"),
        ("h_page.html", "ok"),
        ("i_batch.jsonl:1", "ok"),
        ("i_batch.jsonl:2", "not valid JSON: Expecting value at column 1"),
        ("i_batch.jsonl:3", "ok"),
        ("y_big.txt", "file too large: 52,428,800 bytes (limit 10,000,000)"),
        ("z.md", "ok"),
    ]
    assert items[0].meta.published == "2025-01-28"


def test_named_paths_missing_unsupported_and_control_characters(tmp_path):
    xyz = write(tmp_path / "notes.xyz", NEWS)
    ctl = write(tmp_path / "ctl.txt", (b"\x01\x02\x03\x04\x05 abc " * 50))
    fake_gz = write(tmp_path / "page.html.gz", PAGE)
    items = list(read_paths([tmp_path / "missing.txt", xyz, ctl, fake_gz]))
    assert [(i.origin, i.reason) for i in items] == [
        (str(tmp_path / "missing.txt"), "no such file"),
        (str(xyz), "unsupported file type .xyz"),
        (str(ctl), "binary file (50% control bytes)"),
        (str(fake_gz), "corrupt compressed file: Not a gzipped file (b'<!')"),
    ]


def test_read_file_names_the_unsupported_type(tmp_path):
    s = only(read_file(write(tmp_path / "README", NEWS)))
    assert s.reason == "unsupported file type (no extension)"


def test_stdin_is_plain_text():
    stream = io.TextIOWrapper(io.BytesIO(NEWS.encode()), encoding="utf-8")
    a = read_stdin(published="2025-01-28", stream=stream)
    assert (a.text, a.origin, a.meta.published_basis) == (NEWS, "<stdin>", "given")
    empty = read_stdin(stream=io.TextIOWrapper(io.BytesIO(b"")))
    assert (empty.origin, empty.reason) == ("<stdin>", "empty input")


def test_parse_line_reports_instead_of_raising():
    """Spark partitions and API batches call this per line and must go on past bad ones."""
    a = parse_line(record(id="s1"), "part-0:1")
    assert isinstance(a, Article) and (a.id, a.origin) == ("s1", "part-0:1")
    s = parse_line('{"text": 5}', "part-0:2")
    assert (s.origin, s.reason) == ("part-0:2", '"text" is not a string but a JSON int')


def test_warc_files_are_dispatched_to_the_warc_reader(tmp_path):
    warcio = pytest.importorskip("warcio.warcwriter")
    from warcio.statusandheaders import StatusAndHeaders

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as f:
        w = warcio.WARCWriter(f, gzip=True)
        for url, body in [("https://www.example.com/2025/01/20/talks", PAGE),
                          ("https://www.example.com/", NAV_ONLY)]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                                http_headers=headers))
    page, nav = read_paths([tmp_path])
    assert page.meta.title == "Talks resume in Geneva" and page.meta.published == "2025-01-28"
    assert nav.reason == "no article text found in HTML"


def test_text_without_any_word_is_refused():
    from dateline.ingest.text import article_from_text

    with pytest.raises(InputError, match="no words"):
        article_from_text("\x01«[6#}ê*Ă?ªĖ¾ 123 — %%", origin="junk")
