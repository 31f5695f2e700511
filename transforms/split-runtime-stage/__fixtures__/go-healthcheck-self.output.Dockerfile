# The HEALTHCHECK runs the app binary itself in exec form: it works on distroless.
FROM golang:1.22-bookworm AS build
COPY main.go go.mod /src/
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -C /src -o /usr/local/bin/web .

FROM gcr.io/distroless/static-debian12:latest
WORKDIR /go
COPY --from=build /usr/local/bin/web /usr/local/bin/web
HEALTHCHECK CMD ["/usr/local/bin/web", "-healthcheck"]
ENTRYPOINT ["/usr/local/bin/web"]
