FROM rust:1.79 AS test
WORKDIR /src
COPY . .
RUN cargo test

FROM rust:1.79
WORKDIR /src
COPY . .
RUN cargo build --release && rm -rf "${CARGO_HOME:-$HOME/.cargo}/registry" "${CARGO_HOME:-$HOME/.cargo}/git"
CMD ["/src/target/release/app"]
