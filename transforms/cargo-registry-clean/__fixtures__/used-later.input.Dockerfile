FROM rust:1.75
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch
COPY . .
RUN cargo build --release && rm -rf "$CARGO_HOME/registry"
CMD ["cargo", "run", "--release"]
