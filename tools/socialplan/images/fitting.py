"""Fitting a picture to a shape: crop around the focal point, then scale.

The focal point (`focus: {x, y}`, 0 to 1 from the left and top) is what must stay
in the picture: the crop window is centred on it, then slid back inside the
picture where it would overhang. Pictures are never enlarged to reach a network's
usual size (that only makes them soft), except to reach a network's minimum width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image

from .networks import ImageSpec, Size

Focus = tuple[float, float]
CENTRE: Focus = (0.5, 0.5)


@dataclass(frozen=True)
class Fit:
    crop: tuple[int, int, int, int]  # left, top, right, bottom in the source
    size: Size  # the output size
    intended: Size | None = None  # the size the network shows, when the photo is smaller

    @property
    def soft(self) -> bool:
        """The photo has well under the pixels the network shows: it will look soft."""
        return self.intended is not None and self.size[0] < 0.6 * self.intended[0]


def crop_window(source: Size, aspect: float, focus: Focus = CENTRE) -> tuple[int, int, int, int]:
    """The largest window of `aspect` (width / height) inside `source`, around `focus`."""
    width, height = source
    if width / height > aspect:
        crop_w, crop_h = max(1, round(height * aspect)), height
    else:
        crop_w, crop_h = width, max(1, round(width / aspect))
    left = _slide(focus[0] * width - crop_w / 2, width - crop_w)
    top = _slide(focus[1] * height - crop_h / 2, height - crop_h)
    return left, top, left + crop_w, top + crop_h


def _slide(start: float, room: int) -> int:
    return round(min(max(start, 0.0), float(room)))


def closest_size(sizes: tuple[Size, ...], aspect: float) -> Size:
    """The canvas whose aspect ratio is closest to `aspect` (as a ratio, not a difference)."""
    return min(sizes, key=lambda size: abs(math.log((size[0] / size[1]) / aspect)))


def plan_photo(source: Size, spec: ImageSpec, focus: Focus = CENTRE) -> Fit:
    """Where to crop a photo of `source` size and how large to make it, for `spec`."""
    aspect = source[0] / source[1]
    if spec.photo_sizes:
        target = closest_size(spec.photo_sizes, aspect)
        crop = crop_window(source, target[0] / target[1], focus)
    else:
        low, high = spec.aspect_range
        kept = min(max(aspect, low), high)
        crop = crop_window(source, kept, focus) if kept != aspect else (0, 0, *source)
        target = _bounded((crop[2] - crop[0], crop[3] - crop[1]), spec)
    size = _no_enlarging(target, crop, spec)
    return Fit(crop, size, target if size != target else None)


def plan_canvas(size: Size, spec: ImageSpec) -> Size:
    """A card's canvas: the network's card size, within its limits."""
    return _bounded(size, spec)


def _bounded(size: Size, spec: ImageSpec) -> Size:
    width, height = size
    scale = min(1.0, spec.max_side / max(width, height))
    if spec.max_width:
        scale = min(scale, spec.max_width / width)
    if spec.max_pixels:
        scale = min(scale, math.sqrt(spec.max_pixels / (width * height)))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _no_enlarging(target: Size, crop: tuple[int, int, int, int], spec: ImageSpec) -> Size:
    crop_w = crop[2] - crop[0]
    if target[0] <= crop_w:
        return target
    # Keep the target's shape at the crop's resolution, but never under the minimum width.
    width = max(crop_w, min(spec.min_width, target[0]))
    return width, max(1, round(width * target[1] / target[0]))


def apply(image: Image.Image, fit: Fit) -> Image.Image:
    """Crop and resample; `reducing_gap` makes big reductions fast without visible loss."""
    cropped = image.crop(fit.crop)
    if cropped.size == fit.size:
        return cropped
    return cropped.resize(fit.size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def cover(image: Image.Image, size: Size, focus: Focus = CENTRE) -> Image.Image:
    """Fill `size` completely with `image`, cropped around `focus` (CSS object-fit: cover)."""
    window = crop_window(image.size, size[0] / size[1], focus)
    return apply(image, Fit(window, size))
