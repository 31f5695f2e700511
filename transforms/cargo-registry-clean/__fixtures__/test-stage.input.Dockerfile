FROM rust:1.79 AS test
WORKDIR /src
COPY . .
RUN cargo test

FROM rust:1.79
WORKDIR /src
COPY . .
RUN cargo build --release
CMD ["/src/target/release/app"]
