# `app` is found through the golang image's PATH (/go/bin); distroless has no /go/bin on its PATH.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go install ./cmd/app
ENTRYPOINT ["app"]
CMD ["--port", "8080"]
