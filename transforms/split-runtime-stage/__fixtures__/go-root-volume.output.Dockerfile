# Runs as root and writes into a VOLUME: stays root on distroless (:latest).
FROM golang:1.22-bookworm AS build
WORKDIR /src
COPY main.go go.mod ./
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /usr/local/bin/store .

FROM gcr.io/distroless/static-debian12:latest
WORKDIR /src
COPY --from=build /usr/local/bin/store /usr/local/bin/store
VOLUME /data
CMD ["store", "--dir", "/data"]
