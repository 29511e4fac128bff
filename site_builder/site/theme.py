"""The theme: Jinja environment per language, with the interface strings from gettext catalogs.

Templates come from the maintainer's theme folder first (any single template
can be overridden), then from themes/default.  Undefined variables are errors
and every value is HTML-escaped unless a template says otherwise.
"""
from __future__ import annotations

import gettext
import io
from pathlib import Path

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from site_builder.core.boundary import Boundary
from site_builder.core.config import SiteConfig
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.languages import Language

DEFAULT_THEME = Path(__file__).resolve().parent.parent.parent / "themes" / "default"
PROJECT_THEMES = DEFAULT_THEME.parent


def archive_boundary(content: Path, theme_folder: Path | None = None) -> Boundary:
    """What a build or a command may read (core/boundary.py): the content folder (which holds a
    theme named in site.toml), the project's themes, and a theme named on the command line."""
    return Boundary([content, PROJECT_THEMES, *([theme_folder] if theme_folder is not None else [])])


def theme_dirs(config: SiteConfig) -> list[Path]:
    dirs = []
    if config.theme:
        dirs.append(config.content / config.theme)
    dirs.append(DEFAULT_THEME)
    return dirs


def load_translations(config: SiteConfig, language: Language) -> gettext.NullTranslations:
    """Compile the language's .po catalog in memory (no build artefacts in the theme)."""
    for base in theme_dirs(config):
        po = base / "locale" / language.catalog / "LC_MESSAGES" / "messages.po"
        if po.exists():
            try:
                with po.open("rb") as handle:
                    catalog = read_po(handle, locale=language.catalog, abort_invalid=True)
            except Exception as exc:  # Babel raises several kinds for a broken catalog
                raise SiteBuilderError(f"cannot read the catalog: {exc}", SourceSpan(str(po))) from None
            # A translation whose placeholders differ from the original's would fail
            # (or say the wrong thing) when rendered: refuse it here, with its line.
            problems = [
                Diagnostic("catalog", f"{'; '.join(str(e) for e in errors)}: {message.id!r}",
                           SourceSpan(str(po), message.lineno), Severity.ERROR,
                           "make the placeholders (%(name)s, %(count)d …) match the original")
                for message, errors in catalog.check()
            ]
            if problems:
                raise SiteBuilderError(f"{len(problems)} problem(s) in the interface catalog", SourceSpan(str(po)),
                                       problems=problems)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def html_text(value: object) -> str:
    """str(markupsafe.escape(value)), without the Markup object: what `{{ value }}` adds to a page.

    Markup (anything with __html__) as it is; any other value as text with & < > ' "
    escaped as markupsafe escapes them.
    """
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or "'" in value or '"' in value:
            return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
                    .replace("'", "&#39;").replace('"', "&#34;"))
        return value
    html = getattr(value, "__html__", None)
    if html is not None:
        return str(html())
    return html_text(str(value))


class TextOutput(CodeGenerator):
    """Jinja's code generator, with `{{ value }}` made a str instead of a Markup object.

    With autoescape on, Jinja compiles `{{ value }}` to `escape(value)`, a Markup
    object that is only ever joined into the page, or into a macro's output, which
    Jinja makes Markup when the macro returns. html_text() gives the same text
    without making the object: making them was about a tenth of rendering a page.
    Used through Environment.code_generator_class, the documented way to change the
    code templates compile to; where autoescape can change inside a template
    ({% autoescape %}), Jinja's own code is kept.
    """

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.html_text(")
            if finalize.src is not None:
                self.write(finalize.src)
            return
        super()._output_child_pre(node, frame, finalize)


def output_as_text(env: jinja2.Environment) -> None:
    """Compile this environment's `{{ value }}` to html_text(value) (see TextOutput)."""
    env.code_generator_class = TextOutput
    env.extend(html_text=html_text)


def environment(config: SiteConfig, language: Language, translations: gettext.NullTranslations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in theme_dirs(config)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n", ConstantMessages],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build and language: templates cannot change under it, so
        # no stat of every template a page uses (three or four per page) at each render.
        auto_reload=False,
    )
    output_as_text(env)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    # The same newstyle semantics as Jinja's (the result is Markup, always %-formatted),
    # without three context.call()s per string: interface strings are most of a page's calls.
    gettext_text = fast_gettext(translations)
    env.globals.update(gettext=gettext_text, _=gettext_text, ngettext=fast_ngettext(translations))
    env.extend(constant_message=gettext_text)
    env.filters["date"] = language.format_date
    env.filters["ui_text"] = ui_text
    env.filters["month"] = language.format_month
    return env


def render_page(template: jinja2.Template, variables: dict) -> str:
    """template.render(**variables), leaving no reference cycle behind.

    A template that defines or imports macros `with context` (article.html
    does both) ties its render context and those macros into a cycle, and
    with them every value the page was given: nothing of a page would be
    freed until the cycle collector ran, and on a large archive the collector,
    walking all that, took about a tenth of the build. Emptying the context's
    variables once the page is made breaks the cycle, so a page's values are
    freed as soon as it is rendered. Otherwise exactly Template.render.
    """
    context = template.new_context(variables)
    try:
        return template.environment.concat(template.root_render_func(context))  # type: ignore[attr-defined]
    except Exception:
        template.environment.handle_exception()
    finally:
        context.vars.clear()
        context.exported_vars.clear()


def fast_gettext(translations: gettext.NullTranslations):
    """`_()` for templates: Jinja's newstyle gettext, with each argument-less string translated once."""
    done: dict[str, Markup] = {}

    def translate(message: str, **variables) -> Markup:
        if variables:
            return Markup(translations.gettext(message)) % variables
        found = done.get(message)
        if found is None:
            found = done[message] = Markup(translations.gettext(message)) % {}
        return found

    return translate


def fast_ngettext(translations: gettext.NullTranslations):
    """`ngettext()` for templates: Jinja's newstyle ngettext (`num` is the count unless given),
    with each count's text made once when the count is the only variable (index pages show
    a count for every tag, place and author: thousands of calls, a few hundred counts)."""
    done: dict[tuple[str, str, int], Markup] = {}

    def translate(singular: str, plural: str, count: int, /, **variables) -> Markup:
        if variables:
            variables.setdefault("num", count)
            return Markup(translations.ngettext(singular, plural, count)) % variables
        key = (singular, plural, count)
        found = done.get(key)
        if found is None:
            found = done[key] = Markup(translations.ngettext(singular, plural, count)) % {"num": count}
        return found

    return translate


class ConstantMessages(Extension):
    """`_("Home")` with no variables becomes the translated text when the template is compiled.

    An environment serves one language, so such a call always gives the same
    Markup: the parser sees `("Startseite"|safe)`, which Jinja's optimizer folds
    into the template's text.  Interface strings are most of the calls a page
    would make.  `_` with variables, and templates that use the name `_` for
    anything but a call, are left as they are (pybabel still reads the source).
    """

    MESSAGES = ("_", "gettext")

    def filter_stream(self, stream: TokenStream):
        tokens = list(stream)
        names = [i for i, t in enumerate(tokens) if t.type == "name" and t.value in self.MESSAGES]
        if any(i + 1 >= len(tokens) or tokens[i + 1].type != "lparen" for i in names):
            return iter(tokens)  # `_` is also something else here (a loop variable, a set)
        translate = self.environment.constant_message  # type: ignore[attr-defined]
        folded: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            window = tokens[index:index + 4]
            if (token.type == "name" and token.value in self.MESSAGES and len(window) == 4
                    and window[2].type == "string" and window[3].type == "rparen"
                    and not (folded and folded[-1].type == "dot")):
                text = str(translate(window[2].value))
                line = token.lineno
                folded += [Token(line, "lparen", "("), Token(line, "string", text), Token(line, "pipe", "|"),
                           Token(line, "name", "safe"), Token(line, "rparen", ")")]
                index += 4
                continue
            folded.append(token)
            index += 1
        return iter(folded)


def ui_text(value: str) -> str:
    """A value for an attribute that a script later inserts into the page as HTML.

    Pagefind's UI puts filter names (tags, places, authors) into its filter
    list as markup, and its indexer decodes entities in the attribute however
    often they are escaped, so `<`, `>` and `&` are replaced by their
    full-width forms.  Real names never contain them; a hostile one shows as
    text.  The template's autoescaping still handles quotes.
    """
    return value.replace("&", "＆").replace("<", "＜").replace(">", "＞")


def static_files(config: SiteConfig) -> dict[str, Path]:
    """Theme static files by output path; a maintainer's file replaces the default one."""
    files: dict[str, Path] = {}
    for base in reversed(theme_dirs(config)):
        static = base / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    files[path.relative_to(static).as_posix()] = path
    return files
