use clap::Parser;

fn main() {
    let cli = plaint_cli::args::Cli::parse();
    std::process::exit(plaint_cli::run(cli));
}
