//! Speaker labels of the Kremlin pages that the rules for title-case labels
//! did not read: titles with common nouns or a lower-case first word ("Head
//! of A Just Russia political party faction ... Sergei Mironov"), read as the
//! long form of a name the file uses as a label too; "First" opening a title;
//! a name said once in a short exchange, when the lead names that person.

use speech_ls::corpus::parse_transcript;

fn speakers(text: &str) -> Vec<String> {
    parse_transcript(text).turns.iter().map(|t| t.speaker.clone()).collect()
}

const HEADER: &str = " date 2018-12-25 Source: President of Russia – The Kremlin – English\n\n";

#[test]
fn a_title_with_common_nouns_is_the_long_form_of_a_speaker_of_the_file() {
    let text = format!(
        "{HEADER}Vladimir Putin had a working meeting with Sergei Mironov.\n\n\
         President of Russia Vladimir Putin: Mr Mironov, we recently met to discuss the work at hand.\n\n\
         Head of A Just Russia political party faction in the State Duma Sergei Mironov: Mr President, we have started.\n\n\
         Vladimir Putin: Good.\n\n\
         Sergei Mironov: Yes, we do.\n\n\
         chairman of the Management Committee of Gazprom Alexei Miller: As far as the pipelines are concerned.\n\n\
         Alexei Miller: Yes, Mr President.\n\n\
         Alexei Miller: Of course.\n"
    );
    assert_eq!(
        speakers(&text),
        [
            "President of Russia Vladimir Putin",
            "Head of A Just Russia political party faction in the State Duma Sergei Mironov",
            "Vladimir Putin",
            "Sergei Mironov",
            "chairman of the Management Committee of Gazprom Alexei Miller",
            "Alexei Miller",
            "Alexei Miller",
        ]
    );
}

#[test]
fn a_title_with_common_nouns_whose_name_never_speaks_is_prose() {
    let text = format!(
        "{HEADER}President of Russia Vladimir Putin: Good afternoon.\n\n\
         Vladimir Putin: Let us begin.\n\n\
         Head of the working group on the new law Sergei Mironov: This is how the report began.\n\n\
         Sergei Mironov wrote it, and Vladimir Putin read it.\n"
    );
    assert_eq!(speakers(&text), ["President of Russia Vladimir Putin", "Vladimir Putin"]);
}

#[test]
fn first_opens_a_title_but_not_a_list() {
    let text = format!(
        "{HEADER}President of Russia Vladimir Putin: Mr Nazarbayev, strictly speaking, you should be awarded.\n\n\
         First President of Kazakhstan Nursultan Nazarbayev: I award the Order to those who founded the Union.\n\n\
         First: we shall sign the treaty.\n\n\
         First of all: thank you.\n"
    );
    assert_eq!(
        speakers(&text),
        ["President of Russia Vladimir Putin", "First President of Kazakhstan Nursultan Nazarbayev"]
    );
}

#[test]
fn a_name_said_once_speaks_when_the_text_names_that_person_elsewhere() {
    let exchange = "President of Russia Vladimir Putin: Mr Vasilyev, you know Dagestan well.\n\n\
                    Vladimir Vasilyev: First of all, it is an honour for me.\n\n\
                    Vladimir Putin: Thank you. Good luck.\n";
    let named = format!("{HEADER}The President met with Vladimir Vasilyev.\n\n{exchange}");
    assert_eq!(speakers(&named), ["President of Russia Vladimir Putin", "Vladimir Vasilyev", "Vladimir Putin"]);
    let unnamed = format!("{HEADER}The President met the acting head of Dagestan.\n\n{exchange}");
    assert_eq!(speakers(&unnamed), ["President of Russia Vladimir Putin", "Vladimir Putin"]);
}

#[test]
fn in_a_dialogue_a_long_title_with_a_role_speaks_once_and_a_sentence_does_not() {
    let text = format!(
        "{HEADER}President of Russia Vladimir Putin: Good afternoon.\n\n\
         Dmitry Peskov: Thank you.\n\n\
         Vladimir Putin: Please.\n\n\
         Dmitry Peskov: Yes.\n\n\
         NASA astronaut Timothy Kopra: We are glad to be here.\n\n\
         Argentina has the largest Russian diaspora in Latin America: More than that, it grows.\n"
    );
    assert_eq!(
        speakers(&text),
        [
            "President of Russia Vladimir Putin",
            "Dmitry Peskov",
            "Vladimir Putin",
            "Dmitry Peskov",
            "NASA astronaut Timothy Kopra"
        ]
    );
}
