"""What a build remembers so that a rebuild skips unchanged work, in one place.

- `fingerprints`: digests of the inputs each result was made from;
- `store`: the JSON records under build/cache/, read as untrusted;
- the records kept there: per-post check results (`checks`), image files known to
  decode (`decodes`), the calendar's serialised events (`events`), the images
  step's outputs (`image_outputs`), the theme's compiled templates, signed
  (`compiled_templates`).

Two records stay beside the code they serve, because they describe that code's own
output folder: the site's manifest of what the last build wrote
(`site.incremental`, build/site-cache.json) and the bare copies of images
(`images.copies`, build/cache/media/). A cache is only a shortcut: whatever it holds
is untrusted, and a missing or damaged one means doing the work again.
"""
