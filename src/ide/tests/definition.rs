//! Go to definition, both ways between INDEX.md and the transcripts.

use super::{assert_marked, setup, with_cursor};
use crate::ide::definition::definition;

#[test]
fn an_entry_leads_to_its_transcripts_header() {
    let fx = setup(
        "
        //- /INDEX.md
        - 2021-03-03 [Board$0 meeting](a.txt)
        //- /a.txt
         date 2021-03-03 Source: Kremlin
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

        Putin: Hello.
        ",
    );
    assert_marked(&fx, &definition(&fx.world, &fx.file, fx.offset));
}

#[test]
fn a_header_leads_back_to_every_entry_listing_it() {
    let fx = setup(
        "
        //- /INDEX.md
        - 2021-03-03 [Board meeting](a.txt)
                     ^^^^^^^^^^^^^^^^^^^^^^
        - [Again](./a.txt) and [[a]]
          ^^^^^^^^^^^^^^^^     ^^^^^
        //- /a.txt
         date 2021-03-03 Source: $0Kremlin

        Putin: Hello.
        ",
    );
    assert_marked(&fx, &definition(&fx.world, &fx.file, fx.offset));
}

#[test]
fn a_dead_link_and_plain_text_lead_nowhere() {
    let fx = setup(&with_cursor("INDEX.md", "- 2020-01-01 [Gone](gone.txt)", "(gone"));
    assert!(definition(&fx.world, &fx.file, fx.offset).is_empty());
    let fx = setup(&with_cursor("a.txt", "Moderator: Thank you.", "Thank"));
    assert!(definition(&fx.world, &fx.file, fx.offset).is_empty());
}
