# openSUSE: nodejs20 only Recommends npm20.
FROM opensuse/leap:15.6
RUN zypper --non-interactive install -y nodejs20 git && npm install -g yarn && zypper clean --all
