FROM rust:1.75
RUN cargo install ripgrep && rm -rf "${CARGO_HOME:-$HOME/.cargo}/registry" "${CARGO_HOME:-$HOME/.cargo}/git"
CMD ["rg", "--version"]
