"""A matplotlib figure that shows itself in a notebook.

This module imports matplotlib when it is imported: :mod:`step2score.plot` imports it on use,
so that a missing extra is reported by the plot function that needs it.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

__all__ = ["ShownFigure"]

#: Notebook images are drawn at twice their displayed size, so they stay sharp on high-density screens.
_SHARPNESS = 2


class ShownFigure(Figure):
    r"""A :class:`matplotlib.figure.Figure` that a notebook displays as a PNG image, with no magic and no pyplot.

    It is a real Figure: save it with ``savefig``, restyle or add to its axes as any other.
    Jupyter (IPython) calls ``_repr_png_`` when the figure is the value of a cell or is passed
    to ``display``; nothing is registered globally, so figures never pile up in memory.

    >>> fig = ShownFigure(figsize=(2, 1))
    >>> png, size = fig._repr_png_()
    >>> png[:8], size
    (b'\x89PNG\r\n\x1a\n', {'width': 200, 'height': 100})

    .. versionadded:: 0.1.0
    """

    def _repr_png_(self) -> tuple[bytes, dict[str, int]]:
        """The figure as PNG bytes, drawn at twice its size, with the size to show it at."""
        dpi = self.get_dpi()
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=dpi * _SHARPNESS, facecolor="white")
        width, height = self.get_size_inches()
        return buffer.getvalue(), {"width": round(width * dpi), "height": round(height * dpi)}
