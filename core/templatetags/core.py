from django import template

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ text|markdown }}`: user markdown rendered and sanitised (core.markdown)."""
    return render_markdown(text)
