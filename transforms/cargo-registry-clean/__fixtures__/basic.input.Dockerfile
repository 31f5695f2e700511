FROM rust:1.75
RUN cargo install ripgrep
CMD ["rg", "--version"]
