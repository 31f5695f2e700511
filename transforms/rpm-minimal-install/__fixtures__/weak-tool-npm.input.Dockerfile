# nodejs only Recommends npm on Fedora: without weak dependencies `npm install -g` fails.
FROM fedora:40
RUN dnf -y install nodejs git && npm install -g mocha && dnf clean all
