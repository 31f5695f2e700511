FROM golang:1.21-bookworm AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=1
RUN go build -ldflags="-s -w" -trimpath -o app ./cmd/app

FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /src
COPY --from=build /src /src
USER 1000
ENTRYPOINT ["./app"]
