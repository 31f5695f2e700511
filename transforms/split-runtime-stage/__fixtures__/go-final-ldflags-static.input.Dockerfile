FROM golang:1.22-bookworm as build
WORKDIR /go/src/app
COPY . .
RUN go build -ldflags '-w -extldflags "-static"' -o /go/bin/app .

FROM golang:1.22-bookworm
COPY --from=build /go/bin/app /usr/local/bin/
USER 65532
ENTRYPOINT ["app"]
