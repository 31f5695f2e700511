FROM rust:1.79
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release && rm -rf "${CARGO_HOME:-$HOME/.cargo}/registry" "${CARGO_HOME:-$HOME/.cargo}/git"
CMD ["/src/target/release/app"]
