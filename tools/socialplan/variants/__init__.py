"""What each channel receives: a post composed for one network (`compose`), from its
pieces (`pieces`), the channel's settings (`settings`), hashtags, mentions, UTM links,
Bluesky facets and thread splitting; written as build/variants/ files (`output_files`)
and shown to people (`report`)."""
