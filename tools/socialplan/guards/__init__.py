"""The shared guards: nothing the user wrote is lost, nothing leaks.

One mechanism each, used by every step: the line-safe printer (`console`), the
reader of JSON nobody vouches for (`safejson`), writes and deletes kept inside
their folder (`containment`, `atomic`), the folders socialplan may fill
(`output_folders`), one command at a time (`lock`), web addresses from data
(`urls`) and image metadata (`image_metadata`).
"""
