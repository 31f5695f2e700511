FROM rust:1.75-bookworm AS build
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release

FROM debian:bookworm-slim
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/target/release/myapp /usr/src/app/target/release/myapp
# slimify: fail the build when the binary needs a shared library this image lacks
RUN ! ldd /usr/src/app/target/release/myapp 2>/dev/null | grep -F 'not found'
CMD ["./target/release/myapp"]
