//! The model and the emitted files of the project's spec, pinned so that every change to them
//! shows in review.

use codegen::EmitOptions;

#[test]
fn model_of_the_spec() {
    insta::assert_yaml_snapshot!("model", tests::api());
}

#[test]
fn emitted_files_of_the_spec() {
    let files =
        codegen::emit::emit(tests::api(), &EmitOptions::default()).expect("the model emits");
    let names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    insta::assert_snapshot!("emitted_file_list", names.join("\n"));
    for file in files {
        let name = format!(
            "emitted__{}",
            file.path.display().to_string().replace(['/', '.'], "_")
        );
        insta::assert_snapshot!(name, file.contents);
    }
}
