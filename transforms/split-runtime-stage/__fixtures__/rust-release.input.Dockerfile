FROM rust:1.75-bookworm
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release
CMD ["./target/release/myapp"]
