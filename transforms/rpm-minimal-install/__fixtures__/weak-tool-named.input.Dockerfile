FROM fedora:40
RUN dnf -y install nodejs npm && npm install -g mocha && dnf clean all
