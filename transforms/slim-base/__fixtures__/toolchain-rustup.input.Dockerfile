FROM rust:1.78
RUN rustup target add aarch64-unknown-linux-gnu x86_64-unknown-linux-musl
WORKDIR /build
CMD ["cargo", "build", "--release"]
